package io.callgem.service.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import io.quarkus.runtime.configuration.DurationConverter;

/**
 * The webhook configuration (service-contract.md, "Configuration properties"), read from
 * property names: {@code outcomes.webhook.<tenant>.url} / {@code .secret} per tenant,
 * {@code outcomes.webhook.default.*} for tenants without their own, and the shared settings.
 * Tenants with neither get no webhook. Mistakes fail the start with the property's name; no
 * message ever quotes a URL or a secret.
 */
public record WebhookSettings(Map<String, Webhook> webhooks, int maxAttempts, Duration initialBackoff,
        Duration maxBackoff, Duration connectTimeout, Duration requestTimeout, int concurrency, boolean ordered) {

    public static final String PREFIX = "outcomes.webhook.";

    public WebhookSettings {
        webhooks = Collections.unmodifiableMap(new TreeMap<>(webhooks));
    }

    /** The webhook for a tenant's outcomes: its own, else the default one, else none. */
    public Optional<Webhook> forTenant(String tenant) {
        Webhook own = tenant == null ? null : webhooks.get(tenant);
        return Optional.ofNullable(own != null ? own : webhooks.get(Webhook.DEFAULT));
    }

    /**
     * Consumers (parallel attempts) of a webhook's queue. In order ({@link #ordered()}), a
     * tenant's outcomes are attempted one at a time: a tenant's own webhook has one consumer, the
     * default webhook up to {@link #concurrency()}, each taking some of its tenants at a time
     * (their messages are grouped by tenant, see {@link WebhookEnqueue}).
     */
    public int consumers(Webhook webhook) {
        return ordered && !Webhook.DEFAULT.equals(webhook.key()) ? 1 : concurrency;
    }

    /**
     * @param names every configured property name (MicroProfile {@code Config.getPropertyNames()})
     * @param value a property's value, empty when unset
     */
    public static WebhookSettings read(Iterable<String> names, Function<String, Optional<String>> value) {
        Set<String> keys = new TreeSet<>();
        keys.add(Webhook.DEFAULT);   // looked up directly, so the environment can set it too
        for (String name : names) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            int dot = rest.lastIndexOf('.');
            if (dot > 0 && (rest.endsWith(".url") || rest.endsWith(".secret"))) {
                keys.add(rest.substring(0, dot));
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, Webhook> webhooks = new HashMap<>();
        Map<String, String> queues = new HashMap<>();
        for (String key : keys) {
            Optional<String> url = value.apply(PREFIX + key + ".url").filter(v -> !v.isBlank());
            Optional<String> secret = value.apply(PREFIX + key + ".secret").filter(v -> !v.isBlank());
            if (url.isEmpty() && secret.isEmpty()) {
                continue;
            }
            if (url.isEmpty() || secret.isEmpty()) {
                problems.add(PREFIX + key + (url.isEmpty() ? ".url" : ".secret") + " is missing (both "
                        + ".url and .secret are needed)");
                continue;
            }
            URI uri = uri(PREFIX + key + ".url", url.get(), problems);
            WebhookSigner signer = null;
            try {
                signer = WebhookSigner.of(secret.get());
            } catch (IllegalArgumentException e) {
                problems.add(PREFIX + key + ".secret: " + e.getMessage());
            }
            if (uri == null || signer == null) {
                continue;
            }
            Webhook webhook = Webhook.of(key, uri, signer);
            String clash = queues.putIfAbsent(webhook.queue(), key);
            if (clash != null) {
                problems.add("tenants '" + clash + "' and '" + key + "' would share the queue " + webhook.queue());
                continue;
            }
            webhooks.put(key, webhook);
        }
        int maxAttempts = number(value, "max-attempts", 8, problems);
        Duration initial = duration(value, "initial-backoff", "5s", problems);
        Duration max = duration(value, "max-backoff", "10h", problems);
        Duration connect = duration(value, "connect-timeout", "5s", problems);
        Duration request = duration(value, "request-timeout", "10s", problems);
        int concurrency = number(value, "concurrency", 4, problems);
        String orderedText = value.apply(PREFIX + "ordered").orElse("true").strip();
        if (!orderedText.equalsIgnoreCase("true") && !orderedText.equalsIgnoreCase("false")) {
            problems.add(PREFIX + "ordered must be true or false, not '" + orderedText + "'");
        }
        if (initial != null && max != null && max.compareTo(initial) < 0) {
            problems.add(PREFIX + "max-backoff is shorter than " + PREFIX + "initial-backoff");
        }
        for (String name : List.of("connect-timeout", "request-timeout")) {
            Duration d = "connect-timeout".equals(name) ? connect : request;
            if (d != null && (d.isZero() || d.isNegative())) {
                problems.add(PREFIX + name + " must be positive");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid webhook configuration: " + String.join("; ", problems));
        }
        return new WebhookSettings(webhooks, maxAttempts, initial, max, connect, request, concurrency,
                !orderedText.equalsIgnoreCase("false"));
    }

    private static URI uri(String name, String text, List<String> problems) {
        try {
            URI uri = new URI(text.strip());
            if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()))) {
                problems.add(name + " is not an absolute http(s) URL");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(name + " is not a valid URL");
            return null;
        }
    }

    private static int number(Function<String, Optional<String>> value, String name, int fallback,
            List<String> problems) {
        String text = value.apply(PREFIX + name).orElse(Integer.toString(fallback)).strip();
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(PREFIX + name + " must be a whole number >= 1, not '" + text + "'");
        return fallback;
    }

    private static Duration duration(Function<String, Optional<String>> value, String name, String fallback,
            List<String> problems) {
        String text = value.apply(PREFIX + name).orElse(fallback).strip();
        try {
            Duration d = DurationConverter.parseDuration(text);
            if (d != null && !d.isNegative()) {
                return d;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(PREFIX + name + " must be a duration such as 5s, 10h or PT5S, not '" + text + "'");
        return null;
    }
}
