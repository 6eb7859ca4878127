package dev.ideaforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ideaforge.testsupport.Interviewee;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The load of the crash drills, played as real users: a few accounts create many jobs in a burst,
 * and every job is followed over its own socket and interviewed to done on a thread of its own, as
 * one frontend per job would. Faults land while this runs; {@link #assertAllDoneOnce} then checks
 * that every job the users have finished, each fact stored once.
 */
final class JobFleet implements AutoCloseable {

  /** An idea that leaves the scripted interviewer one question per {@link Interviewee#ANSWERS}. */
  static final String IDEA = Interviewee.IDEA;

  private final String baseUrl;
  private final List<Client> users = new ArrayList<>();
  private final Map<String, JobDriver> drivers = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Future<?>> creators = new ArrayList<>();
  private final AtomicInteger created = new AtomicInteger();
  private volatile long firstCreationNanos;
  private volatile boolean closed;

  /**
   * Registers the users. Jobs are spread over several, as the api-server caps the sockets one user
   * holds (WS_MAX_SOCKETS_PER_USER, 20 by default).
   */
  JobFleet(String baseUrl, int users) {
    this.baseUrl = baseUrl;
    for (int i = 0; i < users; i++) {
      this.users.add(new Client(baseUrl));
    }
  }

  /**
   * Starts the burst: all users at once, each creating its share of {@code count} jobs one after
   * another (retrying while the API is away); each job is driven as soon as its POST answers.
   */
  JobFleet createInBackground(int count) {
    firstCreationNanos = System.nanoTime();
    for (int u = 0; u < users.size(); u++) {
      Client user = users.get(u);
      int share = count / users.size() + (u < count % users.size() ? 1 : 0);
      creators.add(
          threads.submit(
              () -> {
                for (int i = 0; i < share && !closed; i++) {
                  drive(user, user.createJob(IDEA + ", take " + i));
                  created.incrementAndGet();
                }
              }));
    }
    return this;
  }

  /** Waits until {@code count} POSTs were answered: the moment a drill's fault lands. */
  void awaitCreated(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (created.get() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(created.get() + " of " + count + " jobs created in " + timeout);
      }
      ServiceProcess.sleep(20);
    }
  }

  /** How many POSTs were answered 201 so far. */
  int created() {
    return created.get();
  }

  /**
   * Waits until every POST of the burst was answered, then drives also the jobs the users have that
   * no answer named: a POST cut by a crash may have stored its job, and its user sees it in the job
   * list and answers its interview like any other.
   */
  void awaitBurstEnd(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Future<?> creator : creators) {
      try {
        creator.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new AssertionError("A user could not create a job", e.getCause());
      } catch (InterruptedException | TimeoutException e) {
        throw new AssertionError("The burst did not end within " + timeout, e);
      }
    }
    int unnamed = 0;
    for (Client user : users) {
      for (JsonNode job : user.jobs()) {
        String id = job.path("id").asString();
        if (!drivers.containsKey(id)) {
          drive(user, id);
          unnamed++;
        }
      }
    }
    if (unnamed > 0) {
      System.out.printf("JobFleet: %d job(s) stored by a POST whose answer was lost%n", unnamed);
    }
  }

  /** Waits until every job is done, at the latest {@code within} after the burst began. */
  void awaitAllDone(Duration within) {
    long deadline = firstCreationNanos + within.toNanos();
    while (!drivers.values().stream().allMatch(JobDriver::isDone)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Not done within "
                + within
                + " of the first job's creation: "
                + drivers.values().stream()
                    .filter(d -> !d.isDone())
                    .map(JobDriver::describe)
                    .toList());
      }
      ServiceProcess.sleep(200);
    }
  }

  /**
   * Every job each user has is done and there are at least {@code atLeast}; each job's socket
   * transcript matches REST, every seq came once, no row or event is stored twice, and the
   * interview holds the idea and each answer exactly once.
   */
  void assertAllDoneOnce(int atLeast) {
    int total = 0;
    for (Client user : users) {
      for (JsonNode job : user.jobs()) {
        assertThat(job.path("status").asString()).as("job %s", job.path("id")).isEqualTo("done");
        total++;
      }
    }
    assertThat(total).as("jobs the users have").isGreaterThanOrEqualTo(atLeast);
    assertThat(drivers).as("every job followed to done").hasSize(total);
    for (JobDriver driver : drivers.values()) {
      driver.assertReconciled();
      List<String> said = new ArrayList<>();
      for (JsonNode m : driver.client.detail(driver.jobId).path("messages")) {
        if (m.path("role").asString().equals("user")) {
          said.add(m.path("content").asString());
        }
      }
      assertThat(said.subList(1, said.size()))
          .as("answers stored on job %s", driver.jobId)
          .containsExactlyElementsOf(Interviewee.ANSWERS);
    }
  }

  private void drive(Client user, String jobId) {
    JobDriver driver = new JobDriver(user, jobId, () -> baseUrl.replace("http", "ws"));
    drivers.put(jobId, driver);
    threads.execute(
        () -> {
          while (!closed && !driver.step()) {
            // step() waits for the next event
          }
          driver.closeSocket();
        });
  }

  @Override
  public void close() {
    closed = true;
    threads.shutdown();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
