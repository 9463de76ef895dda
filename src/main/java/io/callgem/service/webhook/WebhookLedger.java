package io.callgem.service.webhook;

import java.io.File;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which outcomes have been handed to a webhook queue, so that an outcome CallGem sends again
 * (a replay after a reconnect) is queued, and so delivered, once. File-backed like the other
 * sinks' ledgers: {@code <outcomes.data.dir>/idempotent/webhook.dat}.
 */
@ApplicationScoped
public class WebhookLedger {

    @ConfigProperty(name = "outcomes.data.dir", defaultValue = "data")
    Path dataDir;

    @ConfigProperty(name = "outcomes.idempotent.size", defaultValue = "200000")
    int size;

    @ConfigProperty(name = "outcomes.idempotent.max-file-bytes", defaultValue = "33554432")
    long maxFileBytes;

    @Produces
    @Singleton
    @Named("webhooksQueued")
    IdempotentRepository webhooksQueued() {
        File store = dataDir.resolve("idempotent").resolve("webhook.dat").toFile();
        FileIdempotentRepository repository =
                (FileIdempotentRepository) FileIdempotentRepository.fileIdempotentRepository(store, size, maxFileBytes);
        repository.setDropOldestFileStore(size / 10);
        return repository;
    }
}
