package io.callgem.service.cluster;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives {@value #CONSUMER_PREFIX}, the text routes/outcomes.yaml puts before the {@code callgem:}
 * consumer URI: {@code master:<callgem.cluster.namespace>:} when {@code callgem.cluster.enabled=true},
 * so the connection is held by the cluster's leader only, and nothing otherwise. Deriving it keeps
 * the switch a single boolean and the route free of conditionals; an explicitly set prefix wins
 * (this source has a low ordinal).
 * <p>
 * Clustered, it also makes {@value #MAX_BATCH_SIZE} 1: each outcome is handed off alone, with its
 * id as the shared broker's duplicate id, so an outcome CallGem replays to a new leader after
 * the old one had handed it off is dropped by the broker; the instances' own ledgers cannot know
 * what another instance delivered.
 */
public class ClusterConfigSourceFactory implements ConfigSourceFactory {

    public static final String CONSUMER_PREFIX = "callgem.cluster.consumer-prefix";
    public static final String MAX_BATCH_SIZE = "callgem.max-batch-size";
    static final String DEFAULT_NAMESPACE = "callgem-feed";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String prefix = prefix(value(context, "callgem.cluster.enabled"), value(context, "callgem.cluster.namespace"));
        Map<String, String> derived = prefix.isEmpty()
                ? Map.of(CONSUMER_PREFIX, prefix)
                : Map.of(CONSUMER_PREFIX, prefix, MAX_BATCH_SIZE, "1");
        return List.of(new PropertiesConfigSource(derived, "callgem-cluster", 150));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(150);
    }

    /** The consumer URI prefix for these settings ({@code ""} when not clustered). */
    static String prefix(String enabled, String namespace) {
        if (!Boolean.parseBoolean(enabled == null ? null : enabled.trim())) {
            return "";
        }
        String ns = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace.trim();
        return "master:" + ns + ":";
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
