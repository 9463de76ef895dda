package io.callgem.service;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.callgem.component.CallGemConsumer;
import io.callgem.component.CallGemEndpoint;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.CamelEvent.CamelContextStartedEvent;
import org.apache.camel.spi.CamelEvent.CamelContextStoppedEvent;

/**
 * The CallGem connection on {@code /q/metrics}: {@code callgem_connection_state{state=...}} is 1
 * for the state the consumer is in (0 for the others; all 0 on an instance that is not the
 * cluster leader), next to the consumer's own counters of what it could not use.
 */
@ApplicationScoped
public class ConnectionMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    CamelContext camel;

    private final List<Meter> meters = new ArrayList<>();

    void register(@Observes CamelContextStartedEvent event) {
        for (CallGemConsumer.State state : CallGemConsumer.State.values()) {
            meters.add(Gauge.builder("callgem.connection.state", this, m -> m.consumerState() == state ? 1 : 0)
                    .description("1 for the state the CallGem connection is in")
                    .tag("state", state.name())
                    .register(registry));
        }
        counter("callgem.frames.malformed", "Frames that were not SDMP", CallGemConsumer::getMalformedFrames);
        counter("callgem.frames.too.long", "Frames over maxFrameLength, discarded", CallGemConsumer::getTooLongFrames);
        counter("callgem.outcomes.invalid", "OZ outcomes with validation problems", CallGemConsumer::getInvalidOutcomes);
        counter("callgem.replies.error", "ER replies to our requests", CallGemConsumer::getErrorReplies);
        counter("callgem.messages.unknown", "Messages of codes we do not use", CallGemConsumer::getUnknownMessages);
        counter("callgem.connection.reconnects", "Reconnections to CallGem", CallGemConsumer::getReconnects);
    }

    /** The meters read this context: gone with it (a registry can outlive it, as in tests). */
    void unregister(@Observes CamelContextStoppedEvent event) {
        meters.forEach(registry::remove);
        meters.clear();
    }

    private void counter(String name, String description, ToDoubleFunction<CallGemConsumer> value) {
        meters.add(FunctionCounter.builder(name, this, m -> {
            CallGemConsumer consumer = m.consumer();
            return consumer == null ? 0 : value.applyAsDouble(consumer);
        }).description(description).register(registry));
    }

    private CallGemConsumer.State consumerState() {
        CallGemConsumer consumer = consumer();
        return consumer == null ? null : consumer.state();
    }

    /** The feed's consumer, wherever the route put it (directly, or behind master: when clustered). */
    private CallGemConsumer consumer() {
        for (Endpoint endpoint : camel.getEndpoints()) {
            if (endpoint instanceof CallGemEndpoint callgem && callgem.getConsumer() != null) {
                return callgem.getConsumer();
            }
        }
        return null;
    }
}
