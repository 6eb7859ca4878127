package dev.ideaforge.model.workflow;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether this process starts jobs' workflows with {@link JobSearchAttributes}. In {@code auto}
 * mode the namespace is asked once, on the first start: a start that set an unregistered attribute
 * would fail, so without them jobs still run, only without the operators' filters (a warning names
 * the command that registers them). An answer that could not be had (Temporal unreachable) is asked
 * again on the next start.
 */
@Component
public class RegisteredSearchAttributes {

  private static final Logger log = LoggerFactory.getLogger(RegisteredSearchAttributes.class);

  private final TemporalSettings settings;
  private final Supplier<WorkflowClient> client;
  private volatile Boolean registered;

  /** The client is looked up on first use, not when this bean is made. */
  @Autowired
  public RegisteredSearchAttributes(
      TemporalSettings settings, ObjectProvider<WorkflowClient> client) {
    this.settings = settings;
    this.client = client::getObject;
  }

  public RegisteredSearchAttributes(TemporalSettings settings, WorkflowClient client) {
    this.settings = settings;
    this.client = () -> client;
  }

  /** Whether a job's workflow is started with its search attributes. */
  public boolean inUse() {
    return switch (settings.searchAttributes()) {
      case ON -> true;
      case OFF -> false;
      case AUTO -> {
        Boolean known = registered;
        yield known != null ? known : ask();
      }
    };
  }

  private synchronized boolean ask() {
    if (registered != null) {
      return registered;
    }
    WorkflowClient workflowClient = client.get();
    String namespace = workflowClient.getOptions().getNamespace();
    // The operator service shares the client's connection; only these stubs are made here.
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(workflowClient.getWorkflowServiceStubs().getRawChannel())
                .setRpcTimeout(settings.rpcTimeout())
                .validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> known =
          operator
              .blockingStub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
              .getCustomAttributesMap();
      List<SearchAttributeKey<?>> missing =
          JobSearchAttributes.ALL.stream()
              .filter(key -> key.getValueType() != known.get(key.getName()))
              .toList();
      if (missing.isEmpty()) {
        log.info("Jobs' workflows carry the search attributes {}", names(JobSearchAttributes.ALL));
        registered = true;
      } else {
        log.warn(
            "Namespace {} lacks the search attributes {}: jobs run without them, so operators"
                + " cannot filter them in the Temporal UI. Register them (then restart) with: {}",
            namespace,
            names(missing),
            missing.stream()
                .map(
                    key ->
                        "temporal operator search-attribute create --namespace "
                            + namespace
                            + " --name "
                            + key.getName()
                            + " --type "
                            + JobSearchAttributes.typeName(key))
                .collect(Collectors.joining(" ; ")));
        registered = false;
      }
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        log.warn(
            "Could not ask Temporal for its search attributes ({}); asking again later",
            e.getStatus());
        return false;
      }
      // The Java test server has no operator service, and no custom search attributes.
      log.info("This Temporal service keeps no custom search attributes; jobs run without them");
      registered = false;
    } finally {
      operator.shutdown();
    }
    return registered;
  }

  private static String names(List<SearchAttributeKey<?>> keys) {
    return keys.stream().map(SearchAttributeKey::getName).collect(Collectors.joining(", "));
  }
}
