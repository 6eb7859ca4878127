package dev.ideaforge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time used so far, from /proc (Linux): the machine's busy time and each process's own (the
 * three of scripts/run by their pid files, and this benchmark). The rest of the machine's busy time
 * is PostgreSQL, Redis and the kernel. In clock ticks of 10 ms.
 */
record CpuTimes(long machineBusy, long machineAll, Map<String, Long> processes) {

  static final List<String> PROCESSES = List.of("api-server", "worker", "temporal");
  static final double TICK_MS = 10;

  static CpuTimes now(Path runDir) {
    Map<String, Long> processes = new LinkedHashMap<>();
    for (String name : PROCESSES) {
      try {
        processes.put(name, ticksOf(Files.readString(runDir.resolve(name + ".pid")).strip()));
      } catch (IOException | RuntimeException e) {
        processes.put(name, -1L);
      }
    }
    processes.put("bench", ticksOf(String.valueOf(ProcessHandle.current().pid())));
    long busy = 0;
    long all = 0;
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      for (int i = 1; i < f.length && i <= 8; i++) {
        long v = Long.parseLong(f[i]);
        all += v;
        if (i != 4 && i != 5) { // idle, iowait
          busy += v;
        }
      }
    } catch (IOException | RuntimeException e) {
      busy = -1;
    }
    return new CpuTimes(busy, all, processes);
  }

  private static long ticksOf(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  CpuTimes since(CpuTimes before) {
    Map<String, Long> delta = new LinkedHashMap<>();
    processes.forEach(
        (k, v) ->
            delta.put(k, v < 0 || before.processes.get(k) < 0 ? -1 : v - before.processes.get(k)));
    return new CpuTimes(machineBusy - before.machineBusy, machineAll - before.machineAll, delta);
  }

  /** CPU ms per job of each process, of the rest of the machine and in total, for a report. */
  Result.Cpu perJob(String phase, int jobs) {
    Map<String, Double> ms = new LinkedHashMap<>();
    ms.put("total", machineBusy < 0 ? null : machineBusy * TICK_MS / jobs);
    long known = 0;
    for (Map.Entry<String, Long> p : processes.entrySet()) {
      ms.put(p.getKey(), p.getValue() < 0 ? null : p.getValue() * TICK_MS / jobs);
      known += Math.max(0, p.getValue());
    }
    ms.put("rest", machineBusy < 0 ? null : (machineBusy - known) * TICK_MS / jobs);
    return new Result.Cpu(
        phase,
        jobs,
        machineAll <= 0 || machineBusy < 0 ? null : 100.0 * machineBusy / machineAll,
        ms);
  }
}
