package io.callgem.service;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.support.service.ServiceHelper;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The record of which outcomes each sink has already taken (files, JMS, webhook queues), so
 * that an outcome CallGem sends again (a PS replay after a reconnect, a batch delivered again
 * after a crash) is delivered once per sink. One file-backed repository per sink under
 * {@code <outcomes.data.dir>/idempotent/}: it survives restarts and
 * is bounded (the newest {@code outcomes.idempotent.size} ids are kept in memory, the file is
 * rewritten with those beyond {@code outcomes.idempotent.max-file-bytes}); see {@link DeliveredIds}.
 */
@ApplicationScoped
public class DeliveryLedger {

    @ConfigProperty(name = "outcomes.data.dir", defaultValue = "data")
    Path dataDir;

    @ConfigProperty(name = "outcomes.idempotent.size", defaultValue = "200000")
    int size;

    @ConfigProperty(name = "outcomes.idempotent.max-file-bytes", defaultValue = "33554432")
    long maxFileBytes;

    @Produces
    @Singleton
    @Named("filesDelivered")
    DeliveredIds filesDelivered() {
        return repository("files");
    }


    private DeliveredIds repository(String sink) {
        return new DeliveredIds(dataDir.resolve("idempotent").resolve(sink + ".dat"), size, maxFileBytes);
    }

    @Produces
    @Singleton
    @Named("jmsDelivered")
    DeliveredIds jmsDelivered() {
        return repository("jms");
    }

    @Produces
    @Singleton
    @Named("webhooksQueued")
    DeliveredIds webhooksQueued() {
        return repository("webhooks");
    }

    void closeJms(@Disposes @Named("jmsDelivered") DeliveredIds jms) {
        ServiceHelper.stopService(jms);
    }

    void closeWebhooks(@Disposes @Named("webhooksQueued") DeliveredIds webhooks) {
        ServiceHelper.stopService(webhooks);
    }

    void close(@Disposes @Named("filesDelivered") DeliveredIds files) {
        ServiceHelper.stopService(files);
    }
}
