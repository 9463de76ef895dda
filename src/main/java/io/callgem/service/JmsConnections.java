package io.callgem.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;

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
