package io.callgem.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The connection factory Camel's JMS endpoints use: the broker's own (from quarkus-artemis)
 * behind a session and producer cache. Without it every send opens a session and a producer,
 * which caps the durable hand-off at a few hundred outcomes a second.
 */
@ApplicationScoped
public class JmsConnections {

    @Produces
    @Singleton
    @Named("cachingConnectionFactory")
    @Typed(CachingConnectionFactory.class)
    CachingConnectionFactory cachingConnectionFactory(ConnectionFactory broker) {
        return cached(broker);
    }

    /**
     * For sends that must be journaled before the route goes on (a webhook's retry, before the
     * original is acknowledged): the same broker, with durable sends confirmed.
     */
    @Produces
    @Singleton
    @Named("confirmedConnectionFactory")
    @Typed(CachingConnectionFactory.class)
    CachingConnectionFactory confirmedConnectionFactory(
            @ConfigProperty(name = "quarkus.artemis.url") String url,
            @ConfigProperty(name = "quarkus.artemis.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.artemis.password") Optional<String> password) {
        ActiveMQConnectionFactory confirmed = new ActiveMQConnectionFactory(url, user.orElse(null), password.orElse(null));
        confirmed.setBlockOnDurableSend(true);
        return cached(confirmed);
    }

    private static CachingConnectionFactory cached(ConnectionFactory broker) {
        CachingConnectionFactory caching = new CachingConnectionFactory(broker);
        caching.setSessionCacheSize(8);
        caching.setCacheProducers(true);
        caching.setCacheConsumers(false);
        return caching;
    }

    void close(@Disposes CachingConnectionFactory caching) {
        caching.destroy();
    }
}
