package io.callgem.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.io.StringReader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * deploy/kubernetes.yaml parses as YAML and says what docs/scale-out.md promises: two replicas,
 * probes on the health endpoints, configuration from the ConfigMap, webhook secrets from the
 * Secret, leader election on a volume every pod shares.
 */
class KubernetesManifestTest {

    private static List<Map<String, Object>> documents;

    @BeforeAll
    static void parse() throws IOException {
        documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(Path.of("deploy/kubernetes.yaml"))) {
            for (Object document : new Load(LoadSettings.builder().build()).loadAllFromReader(reader)) {
                assertThat(document).isInstanceOf(Map.class);
                documents.add(map(document));
            }
        }
    }

    @Test
    void everyDocumentIsAKubernetesObject() {
        assertThat(documents).isNotEmpty().allSatisfy(d -> {
            assertThat(d).containsKeys("apiVersion", "kind", "metadata");
            assertThat(map(d.get("metadata"))).containsKey("name");
        });
        assertThat(documents).extracting(d -> d.get("kind"))
                .contains("Deployment", "ConfigMap", "Secret", "PersistentVolumeClaim", "Service");
    }

    @Test
    void deploymentRunsTwoReplicasWithHealthProbes() {
        Map<String, Object> spec = map(deployment().get("spec"));
        assertThat(spec.get("replicas")).isEqualTo(2);
        Map<String, Object> container = container();
        assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/q/health/ready");
        assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/q/health/live");
        assertThat(path(container, "readinessProbe", "httpGet", "port")).isEqualTo("http");
        assertThat(list(container.get("ports"))).anySatisfy(p -> assertThat(map(p))
                .containsEntry("name", "http").containsEntry("containerPort", 8080));
        // the pod selector matches the template
        assertThat(path(spec, "selector", "matchLabels")).isEqualTo(path(spec, "template", "metadata", "labels"));
    }

    @Test
    void configComesFromTheConfigMapAndWebhookSecretsFromTheSecret() throws IOException {
        Map<String, Object> podSpec = podSpec();
        Map<String, Object> configVolume = volume(podSpec, "config");
        assertThat(path(configVolume, "configMap", "name")).isEqualTo(name(object("ConfigMap", "callgem-outcomes")));
        assertThat(mountPath("config")).isEqualTo("/deployments/config");

        Map<String, Object> secretVolume = volume(podSpec, "webhook-secrets");
        assertThat(path(secretVolume, "secret", "secretName")).isEqualTo("callgem-webhooks");
        String secretDir = mountPath("webhook-secrets");
        Map<String, Object> secret = object("Secret", "callgem-webhooks");
        String file = map(secret.get("stringData")).keySet().iterator().next();
        assertThat(env("QUARKUS_CONFIG_LOCATIONS")).isEqualTo(secretDir + "/" + file);
        Properties webhooks = properties((String) map(secret.get("stringData")).get(file));
        assertThat(webhooks.stringPropertyNames()).allMatch(n -> n.startsWith("outcomes.webhook."))
                .anyMatch(n -> n.endsWith(".secret"));

        // every secretKeyRef names a key of a Secret in the manifest
        for (Object e : list(container().get("env"))) {
            Object ref = path(map(e), "valueFrom", "secretKeyRef");
            if (ref != null) {
                Map<String, Object> target = object("Secret", (String) map(ref).get("name"));
                assertThat(map(target.get("stringData"))).containsKey((String) map(ref).get("key"));
            }
        }
    }

    @Test
    void clusteredOnASharedVolumeWithAnExternalBroker() throws IOException {
        Properties config = properties((String) map(object("ConfigMap", "callgem-outcomes").get("data"))
                .get("application.properties"));
        assertThat(config.getProperty("callgem.cluster.enabled")).isEqualTo("true");
        assertThat(config.getProperty("callgem.simulator.enabled")).isEqualTo("false");
        assertThat(config.getProperty("outcomes.broker.embedded")).isEqualTo("false");
        assertThat(config.getProperty("quarkus.artemis.url")).startsWith("tcp://");
        assertThat(config.getProperty("callgem.persist-token")).isNotBlank();

        String shared = mountPath("shared");
        assertThat(config.getProperty("callgem.cluster.lock-dir")).startsWith(shared + "/");
        Map<String, Object> claim = object("PersistentVolumeClaim",
                (String) path(volume(podSpec(), "shared"), "persistentVolumeClaim", "claimName"));
        assertThat(list(path(claim, "spec", "accessModes"))).containsExactly("ReadWriteMany");
        // per-pod folders: two pods never write the same ledger or file
        assertThat(config.getProperty("outcomes.data.dir")).contains("${POD_NAME}");
        assertThat(config.getProperty("outcomes.dir")).contains("${POD_NAME}");
        assertThat(env("POD_NAME")).isNull(); // set from the downward API, not a literal
        assertThat(list(container().get("env"))).anySatisfy(e -> assertThat(map(e).get("name")).isEqualTo("POD_NAME"));
    }

    // ---- navigation

    private static Map<String, Object> deployment() {
        return object("Deployment", "callgem-outcomes");
    }

    private static Map<String, Object> podSpec() {
        return map(path(deployment(), "spec", "template", "spec"));
    }

    private static Map<String, Object> container() {
        List<Object> containers = list(podSpec().get("containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    private static Map<String, Object> object(String kind, String name) {
        return documents.stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(name(d)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static String name(Map<String, Object> object) {
        return (String) map(object.get("metadata")).get("name");
    }

    private static Map<String, Object> volume(Map<String, Object> podSpec, String name) {
        return list(podSpec.get("volumes")).stream().map(KubernetesManifestTest::map)
                .filter(v -> name.equals(v.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static String mountPath(String volume) {
        return list(container().get("volumeMounts")).stream().map(KubernetesManifestTest::map)
                .filter(m -> volume.equals(m.get("name"))).map(m -> (String) m.get("mountPath")).findFirst()
                .orElseThrow(() -> new AssertionError("volume " + volume + " not mounted"));
    }

    /** The literal value of an environment variable, or null (absent or from a reference). */
    private static String env(String name) {
        return list(container().get("env")).stream().map(KubernetesManifestTest::map)
                .filter(e -> name.equals(e.get("name"))).findFirst().map(e -> (String) e.get("value")).orElse(null);
    }

    private static Object path(Map<String, Object> root, String... keys) {
        Object node = root;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(key);
        }
        return node;
    }

    private static Properties properties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<Object>) node;
    }
}
