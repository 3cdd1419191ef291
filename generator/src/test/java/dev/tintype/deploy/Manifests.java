package dev.tintype.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Kubernetes YAML into the fabric8 model classes, refusing any field the model does not know:
 * the model keeps unknown fields in {@code additionalProperties} (a JSON any-setter), which would
 * let a misspelt {@code completionMod} pass silently, so the any-setters are switched off.
 */
final class Manifests {
  /** A parsed object and where it came from, for messages. */
  record Doc(Path file, HasMetadata object) {
    <T extends HasMetadata> T as(Class<T> type) {
      return type.cast(object);
    }
  }

  private record Kind(String apiVersion, Class<? extends HasMetadata> type) {}

  private static final Map<String, Kind> KINDS =
      Map.of(
          "CronJob", new Kind("batch/v1", CronJob.class),
          "ConfigMap", new Kind("v1", ConfigMap.class),
          "ServiceAccount", new Kind("v1", ServiceAccount.class),
          "PersistentVolume", new Kind("v1", PersistentVolume.class),
          "PersistentVolumeClaim", new Kind("v1", PersistentVolumeClaim.class),
          "Service", new Kind("v1", Service.class),
          "Deployment", new Kind("apps/v1", Deployment.class),
          "Ingress", new Kind("networking.k8s.io/v1", Ingress.class));

  private static final YAMLMapper YAML = new YAMLMapper();

  private static final JsonMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .annotationIntrospector(
              new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(MapperConfig<?> config, Annotated a) {
                  return Boolean.FALSE;
                }
              })
          .build();

  private Manifests() {}

  /** Every document of a YAML file, as model objects; fails naming the file and the field. */
  static List<Doc> read(Path file) throws IOException {
    return parse(Files.readString(file), file);
  }

  static List<Doc> parse(String yaml, Path source) throws IOException {
    List<Doc> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode node = it.next();
        if (node == null || node.isNull() || node.isMissingNode()) {
          continue;
        }
        String kindName = node.path("kind").asText();
        Kind kind = KINDS.get(kindName);
        if (kind == null) {
          throw new IllegalArgumentException(
              source
                  + ": kind '"
                  + kindName
                  + "' is not one tintype ships ("
                  + KINDS.keySet()
                  + ")");
        }
        if (!kind.apiVersion().equals(node.path("apiVersion").asText())) {
          throw new IllegalArgumentException(
              source
                  + ": "
                  + kindName
                  + " has apiVersion '"
                  + node.path("apiVersion").asText()
                  + "', expected "
                  + kind.apiVersion());
        }
        try {
          docs.add(new Doc(source, STRICT.readValue(node.toString(), kind.type())));
        } catch (tools.jackson.core.JacksonException e) {
          throw new IllegalArgumentException(
              source + ": " + kindName + " does not match the Kubernetes model: " + e.getMessage(),
              e);
        }
      }
    }
    return docs;
  }

  /** {@code -Xmx<n>m} or {@code g} in a JVM option string, in bytes. */
  static long maxHeap(String javaOpts) {
    Matcher m = Pattern.compile("-Xmx(\\d+)([mMgG])").matcher(javaOpts);
    if (!m.find()) {
      throw new IllegalArgumentException("no -Xmx in '" + javaOpts + "'");
    }
    long n = Long.parseLong(m.group(1));
    return n * (m.group(2).equalsIgnoreCase("g") ? 1L << 30 : 1L << 20);
  }
}
