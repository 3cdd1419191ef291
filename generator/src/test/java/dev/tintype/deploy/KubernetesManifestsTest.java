package dev.tintype.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tintype.config.Config;
import dev.tintype.config.ConfigLoader;
import dev.tintype.config.RepoConfig;
import dev.tintype.fixtures.ExternalTools;
import dev.tintype.fixtures.ProcessRunner;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped Kubernetes files (scripts/kubernetes/) parse as Kubernetes objects with no unknown
 * field, and keep the invariants the nightly depends on. No cluster is needed: this is what the
 * build can check of them.
 */
class KubernetesManifestsTest {
  private static final Path REPO = ExternalTools.repoRoot();
  private static final Path K8S = REPO.resolve("scripts/kubernetes");
  private static final String IMAGE_HOME = "/opt/tintype/";
  private static final long JVM_OVERHEAD = 128L << 20;

  private static List<Manifests.Doc> base;
  private static List<Manifests.Doc> nfs;

  @BeforeAll
  static void readAll() throws IOException {
    base = readDir(K8S.resolve("base"));
    nfs = readDir(K8S.resolve("nfs"));
  }

  private static List<Manifests.Doc> readDir(Path dir) throws IOException {
    List<Manifests.Doc> docs = new ArrayList<>();
    for (Path f : yamlFiles(dir)) {
      if (!f.getFileName().toString().equals("kustomization.yaml")) {
        docs.addAll(Manifests.read(f));
      }
    }
    return docs;
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void aMisspeltFieldIsRefusedNamingIt() {
    String yaml =
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: x}\n"
            + "spec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n"
            + "      completionMod: Indexed\n";
    assertThatThrownBy(() -> Manifests.parse(yaml, Path.of("bad.yaml")))
        .hasMessageContaining("bad.yaml")
        .hasMessageContaining("completionMod");
  }

  @Test
  void aKindOrApiVersionTintypeDoesNotShipIsRefused() {
    assertThatThrownBy(
            () ->
                Manifests.parse(
                    "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: x}\n",
                    Path.of("old.yaml")))
        .hasMessageContaining("old.yaml")
        .hasMessageContaining("batch/v1beta1");
    assertThatThrownBy(
            () ->
                Manifests.parse(
                    "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n", Path.of("s.yaml")))
        .hasMessageContaining("Secret");
  }

  @Test
  void everyYamlIsAKustomizationOrListedInOne() throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    for (String shape : List.of("base", "nfs")) {
      Path dir = K8S.resolve(shape);
      JsonNode k = yaml.readTree(dir.resolve("kustomization.yaml").toFile());
      Set<String> listed = new TreeSet<>();
      k.path("resources").forEach(r -> listed.add(r.asText()));
      k.path("patches").forEach(p -> listed.add(p.path("path").asText()));
      assertThat(
              Stream.of("apiVersion", "kind", "resources", "patches")
                  .toList()
                  .containsAll(fieldNames(k)))
          .as(dir + "/kustomization.yaml keys " + fieldNames(k))
          .isTrue();
      for (String entry : listed) {
        Path p = dir.resolve(entry).normalize();
        assertThat(Files.isRegularFile(p) || Files.isRegularFile(p.resolve("kustomization.yaml")))
            .as(dir + "/kustomization.yaml lists " + entry + ", which does not exist")
            .isTrue();
      }
      for (Path f : yamlFiles(dir)) {
        String name = f.getFileName().toString();
        if (!name.equals("kustomization.yaml")) {
          assertThat(listed).as(shape + "/kustomization.yaml leaves out " + name).contains(name);
        }
      }
    }
  }

  @Test
  void theSyncIsAnIndexedJobWithOnePodPerShardOfTheConfig() {
    JobSpec job = cronJob(base, "tintype-sync").getSpec().getJobTemplate().getSpec();
    int shards = Integer.parseInt(configMap(base).getData().get("shards"));
    assertThat(shards).isPositive();
    assertThat(job.getCompletionMode()).isEqualTo("Indexed");
    assertThat(job.getCompletions()).isEqualTo(shards);
    assertThat(job.getParallelism()).isEqualTo(shards);
    assertThat(job.getBackoffLimitPerIndex()).isPositive();
    Container sync = only(job.getTemplate().getSpec());
    assertThat(sync.getCommand())
        .containsExactly(IMAGE_HOME + "scripts/kubernetes/nightly-run", "sync");
    assertThat(env(sync, "SHARDS").getValueFrom().getConfigMapKeyRef().getKey())
        .isEqualTo("shards");
    assertThat(env(sync, "JOB_NAME").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.labels['batch.kubernetes.io/job-name']");
  }

  @Test
  void everyCronJobForbidsConcurrentRunsAndBothRunOnTheSameSchedule() {
    List<CronJob> jobs = objects(base, CronJob.class);
    assertThat(jobs)
        .extracting(j -> j.getMetadata().getName())
        .containsExactlyInAnyOrder("tintype-sync", "tintype-publish");
    for (CronJob j : jobs) {
      assertThat(j.getSpec().getConcurrencyPolicy())
          .as(j.getMetadata().getName())
          .isEqualTo("Forbid");
      assertThat(j.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
      PodSpec pod = j.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
      assertThat(pod.getRestartPolicy()).isEqualTo("Never");
      // A bad configuration (exit 2) fails the Job at once instead of being retried.
      assertThat(j.getSpec().getJobTemplate().getSpec().getPodFailurePolicy().getRules())
          .anySatisfy(
              r -> {
                assertThat(r.getAction()).isEqualTo("FailJob");
                assertThat(r.getOnExitCodes().getContainerName()).isEqualTo(only(pod).getName());
                assertThat(r.getOnExitCodes().getValues()).containsExactly(2);
              });
      assertThat(pod.getServiceAccountName()).isEqualTo("tintype");
    }
    // nightly-run derives the date, hence the run id, from the scheduled time: same schedule.
    assertThat(jobs).extracting(j -> j.getSpec().getSchedule()).containsOnly("30 0 * * *");
    CronJob publish = cronJob(base, "tintype-publish");
    assertThat(
            only(publish.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()).getCommand())
        .containsExactly(IMAGE_HOME + "scripts/kubernetes/nightly-run", "publish");
  }

  @Test
  void everyJvmFitsItsMemoryRequestAndEveryContainerAsksForCpuAndMemory() {
    List<Container> containers = new ArrayList<>();
    objects(base, CronJob.class)
        .forEach(
            j ->
                containers.addAll(
                    j.getSpec()
                        .getJobTemplate()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()));
    objects(nfs, Deployment.class)
        .forEach(d -> containers.addAll(d.getSpec().getTemplate().getSpec().getContainers()));
    assertThat(containers).hasSize(3);
    for (Container c : containers) {
      Map<String, Quantity> requests = c.getResources().getRequests();
      assertThat(requests).as(c.getName()).containsKeys("cpu", "memory");
      assertThat(c.getResources().getLimits()).as(c.getName()).containsKey("memory");
      long request = requests.get("memory").getNumericalAmount().longValue();
      long limit = c.getResources().getLimits().get("memory").getNumericalAmount().longValue();
      assertThat(limit).as(c.getName()).isGreaterThanOrEqualTo(request);
      c.getEnv().stream()
          .filter(e -> e.getName().equals("TINTYPE_JAVA_OPTS"))
          .forEach(
              e ->
                  assertThat(Manifests.maxHeap(e.getValue()) + JVM_OVERHEAD)
                      .as(c.getName() + ": heap plus JVM overhead within the memory request")
                      .isLessThanOrEqualTo(request));
    }
  }

  @Test
  void theShippedConfigurationsAreValidAndDescribeTheSameRepositories() throws Exception {
    Config s3 = config(configMap(base));
    assertThat(s3.storage().s3()).isPresent();
    Config onNfs = config(configMap(nfs));
    Path root = onNfs.storage().filesystem().orElseThrow();
    assertThat(onNfs.repos())
        .extracting(RepoConfig::name)
        .isEqualTo(s3.repos().stream().map(RepoConfig::name).toList());
    // Every pod of the NFS shape mounts the claim where the configuration puts the root.
    for (String name : List.of("tintype-sync", "tintype-publish")) {
      PodSpec pod = cronJob(nfs, name).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
      assertThat(pod.getVolumes())
          .singleElement()
          .satisfies(
              v ->
                  assertThat(v.getPersistentVolumeClaim().getClaimName())
                      .isEqualTo("tintype-storage"));
      assertThat(only(pod).getVolumeMounts())
          .singleElement()
          .satisfies(m -> assertThat(m.getMountPath()).isEqualTo(root.toString()));
    }
  }

  @Test
  void nginxReplicasServeTheSharedClaimReadOnlyBehindAServiceAndAnIngress() {
    PersistentVolumeClaim claim = objects(nfs, PersistentVolumeClaim.class).get(0);
    PersistentVolume volume = objects(nfs, PersistentVolume.class).get(0);
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
    assertThat(claim.getSpec().getVolumeName()).isEqualTo(volume.getMetadata().getName());
    assertThat(volume.getSpec().getMountOptions()).anyMatch(o -> o.startsWith("actimeo="));
    Deployment nginx = objects(nfs, Deployment.class).get(0);
    assertThat(nginx.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    PodSpec pod = nginx.getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getPersistentVolumeClaim().getClaimName())
                  .isEqualTo(claim.getMetadata().getName());
              assertThat(v.getPersistentVolumeClaim().getReadOnly()).isTrue();
            });
    assertThat(only(pod).getVolumeMounts())
        .singleElement()
        .satisfies(m -> assertThat(m.getReadOnly()).isTrue());
    Service service = objects(nfs, Service.class).get(0);
    assertThat(nginx.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(nginx.getSpec().getSelector().getMatchLabels())
        .isEqualTo(service.getSpec().getSelector());
    String targetPort = service.getSpec().getPorts().get(0).getTargetPort().getStrVal();
    assertThat(only(pod).getPorts()).anyMatch(p -> targetPort.equals(p.getName()));
    Ingress ingress = objects(nfs, Ingress.class).get(0);
    assertThat(
            ingress
                .getSpec()
                .getRules()
                .get(0)
                .getHttp()
                .getPaths()
                .get(0)
                .getBackend()
                .getService()
                .getName())
        .isEqualTo(service.getMetadata().getName());
  }

  @Test
  void credentialsComeFromThePodIdentity() {
    ServiceAccount account = objects(base, ServiceAccount.class).get(0);
    assertThat(account.getMetadata().getName()).isEqualTo("tintype");
    assertThat(account.getMetadata().getAnnotations()).containsKey("eks.amazonaws.com/role-arn");
    for (CronJob j : objects(base, CronJob.class)) {
      Container c = only(j.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
      assertThat(c.getEnv())
          .as(j.getMetadata().getName())
          .noneMatch(e -> e.getName().matches("(?i).*(SECRET|PASSWORD|TOKEN|KEY).*"));
      assertThat(c.getEnvFrom()).isEmpty();
    }
  }

  @Test
  void noShippedFileHoldsASecretLiteral() throws IOException {
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(K8S)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        SecretLiterals.find(Files.readString(f))
            .forEach(h -> hits.add(REPO.relativize(f) + " " + h));
      }
    }
    assertThat(hits).isEmpty();
  }

  @Test
  void theSecretScanFindsTheLiteralsItLooksFor() {
    assertThat(SecretLiterals.find("env:\n  - {name: AWS_SECRET_ACCESS_KEY, value: x}\n"))
        .containsExactly("line 2: - {name: AWS_SECRET_ACCESS_KEY, value: x}");
    assertThat(SecretLiterals.find("id: AKIAIOSFODNN7EXAMPLE")).hasSize(1);
    assertThat(SecretLiterals.find("password: hunter22")).hasSize(1);
    assertThat(SecretLiterals.find("kind: Secret")).hasSize(1);
    assertThat(SecretLiterals.find("# credentials come from the pod's identity")).isEmpty();
  }

  @Test
  void theImagesCopyFilesThatExistAndFillEveryTemplatePlaceholder() throws IOException {
    Matcher copy =
        Pattern.compile("(?m)^COPY (\\S+) (\\S+)$")
            .matcher(Files.readString(K8S.resolve("Dockerfile")));
    List<String> destinations = new ArrayList<>();
    while (copy.find()) {
      String source = copy.group(1);
      if (!source.equals("generator/target/tintype.jar")) {
        assertThat(REPO.resolve(source)).as("Dockerfile copies " + source).isRegularFile();
      }
      assertThat(copy.group(2)).isEqualTo(IMAGE_HOME + source);
      destinations.add(copy.group(2));
    }
    assertThat(destinations)
        .contains(IMAGE_HOME + "scripts/tintype", IMAGE_HOME + "scripts/kubernetes/nightly-run");
    String template = Files.readString(REPO.resolve("nginx/tintype.conf.template"));
    String nginxImage = Files.readString(K8S.resolve("nginx.Dockerfile"));
    // Placeholders in use, not the ones its comments name as examples.
    Matcher placeholder =
        Pattern.compile("@([A-Z_]+)@").matcher(template.replaceAll("(?m)^\\s*#.*$", ""));
    Set<String> names = new TreeSet<>();
    while (placeholder.find()) {
      names.add(placeholder.group(1));
    }
    assertThat(names).contains("ROOT", "LISTEN");
    for (String name : names) {
      assertThat(nginxImage)
          .as("nginx.Dockerfile fills @" + name + "@")
          .contains("@" + name + "@|");
    }
    Deployment nginx = objects(nfs, Deployment.class).get(0);
    assertThat(nginxImage)
        .contains(
            "s|@ROOT@|"
                + only(nginx.getSpec().getTemplate().getSpec())
                    .getVolumeMounts()
                    .get(0)
                    .getMountPath()
                + "|");
  }

  @Test
  void nightlyRunTakesTheDateAndRunIdFromTheScheduledJobName() throws IOException {
    // 29412345 minutes after the epoch is 2025-12-03T05:45Z.
    ProcessRunner.Result sync =
        nightlyRun(
            "sync", Map.of("JOB_NAME", "tintype-sync-29412345", "JOB_COMPLETION_INDEX", "3"));
    assertThat(sync.stdout().strip())
        .endsWith(
            "scripts/tintype sync --config /etc/tintype/tintype.yaml --date 2025-12-03"
                + " --shard 3/8 --run nightly-2025-12-03");
    ProcessRunner.Result publish =
        nightlyRun("publish", Map.of("JOB_NAME", "tintype-publish-29412345"));
    assertThat(publish.stdout().strip())
        .endsWith(
            "publish --config /etc/tintype/tintype.yaml --date 2025-12-03"
                + " --run nightly-2025-12-03 --shards 8 --wait 6h");
    assertThat(nightlyRun("sync", Map.of("JOB_NAME", "tintype-sync-29412345")).exitCode())
        .as("a sync outside an Indexed Job")
        .isNotZero();
  }

  private static ProcessRunner.Result nightlyRun(String mode, Map<String, String> env)
      throws IOException {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("SHARDS", "8");
    all.put("NIGHTLY_DRY_RUN", "1");
    return ProcessRunner.run(
        Duration.ofSeconds(30), null, all, List.of(K8S.resolve("nightly-run").toString(), mode));
  }

  private static Config config(ConfigMap map) throws Exception {
    return ConfigLoader.parse(
        map.getData().get("tintype.yaml"), "ConfigMap tintype-config", Path.of("/etc/tintype"));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static <T> List<T> objects(List<Manifests.Doc> docs, Class<T> type) {
    return docs.stream()
        .map(Manifests.Doc::object)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  private static CronJob cronJob(List<Manifests.Doc> docs, String name) {
    return objects(docs, CronJob.class).stream()
        .filter(j -> j.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no CronJob " + name));
  }

  private static ConfigMap configMap(List<Manifests.Doc> docs) {
    return objects(docs, ConfigMap.class).stream()
        .filter(m -> m.getMetadata().getName().equals("tintype-config"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ConfigMap tintype-config"));
  }

  private static Container only(PodSpec pod) {
    assertThat(pod.getContainers()).hasSize(1);
    return pod.getContainers().get(0);
  }

  private static EnvVar env(Container c, String name) {
    return c.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " has no env " + name));
  }
}
