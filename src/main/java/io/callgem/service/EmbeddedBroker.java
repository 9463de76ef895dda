package io.callgem.service;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import javax.management.MBeanServerFactory;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.configuration.MemorySize;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.paging.PagingManager;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.invm.TransportConstants;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.quarkus.main.events.BeforeInitialize;
import org.apache.camel.spi.CamelEvent.CamelContextStartingEvent;
import org.apache.camel.spi.CamelEvent.CamelContextStoppedEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The in-process Artemis broker used by default, so the service needs no server installed.
 * It is up before the Camel routes start (they connect to it through {@code quarkus.artemis.url=vm://0})
 * and stops after them. Turn it off with {@code outcomes.broker.embedded=false} and point
 * {@code quarkus.artemis.url} at an external broker.
 * <p>
 * Its start (~1-2 s of class loading, journal files, thread pools) runs on a thread of its own,
 * begun when Camel Main starts initializing, so that it overlaps the loading and building of the
 * routes; Camel's "context starting" event, which comes before any route starts, waits for it
 * (and fails the start if the broker did not start).
 */
@ApplicationScoped
public class EmbeddedBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);

    @ConfigProperty(name = "outcomes.broker.embedded", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "outcomes.data.dir", defaultValue = "data")
    Path dataDir;

    @ConfigProperty(name = "outcomes.handoff.queue", defaultValue = "callgem.inbox")
    String inbox;

    /** Messages the broker holds in memory, all queues together, before it pages to disk. */
    @ConfigProperty(name = "outcomes.broker.max-memory", defaultValue = "32M")
    MemorySize maxMemory;

    /** Messages one queue holds in memory before it pages to disk. */
    @ConfigProperty(name = "outcomes.broker.max-memory-per-queue", defaultValue = "8M")
    MemorySize maxMemoryPerQueue;

    /**
     * The size of a paging queue's page files. The broker holds the page file it reads from in
     * memory (Artemis' default, 10 MiB, was that much heap per queue behind).
     */
    @ConfigProperty(name = "outcomes.broker.page-size", defaultValue = "2M")
    MemorySize pageSize;

    /** Messages one paging queue reads back from its page files into memory ahead of its consumers. */
    @ConfigProperty(name = "outcomes.broker.max-read-page", defaultValue = "2M")
    MemorySize maxReadPage;

    /**
     * How long the journal gathers writes before one disk sync: each batch's commit waits for it
     * (Artemis' default for NIO, 3.3 ms, made a commit cost ~6.5 ms in the benchmark).
     */
    @ConfigProperty(name = "outcomes.broker.journal-sync-micros", defaultValue = "500")
    int journalSyncMicros;

    /**
     * How full (percent) the disk holding the journal may get before the broker blocks every
     * producer, so that no outcome is handed off until there is room again (Artemis'
     * {@code max-disk-usage}); -1 for no limit. Reported by {@link BrokerDiskHealth}.
     */
    @ConfigProperty(name = "outcomes.broker.max-disk-usage", defaultValue = "90")
    int maxDiskUsage;

    /**
     * Free space the journal's disk must keep, else the broker blocks producers as above
     * (Artemis' {@code min-disk-free}); no limit unless set.
     */
    @ConfigProperty(name = "outcomes.broker.min-disk-free")
    Optional<MemorySize> minDiskFree;

    /**
     * A TCP acceptor (e.g. {@code tcp://127.0.0.1:61616}) through which other processes use the
     * embedded broker, e.g. to consume the JMS sink's queue; none by default (in-VM only). The
     * broker has no authentication: bind it to loopback or a private network.
     */
    @ConfigProperty(name = "outcomes.broker.listen")
    Optional<String> listen;

    private static final int JOURNAL_BUFFER = 4 * 1024 * 1024;

    /** The broker's start, begun by {@link #beforeCamelInitializes}; null until then and after the stop. */
    private CompletableFuture<EmbeddedActiveMQ> starting;

    /** Camel Main begins loading the routes: start the broker meanwhile, on a thread of its own. */
    void beforeCamelInitializes(@Observes BeforeInitialize event) {
        startInBackground();
    }

    /** Before any route starts: the broker must be up (waits for the start begun above). */
    void onCamelStarting(@Observes CamelContextStartingEvent event) throws Exception {
        CompletableFuture<EmbeddedActiveMQ> start = startInBackground();
        if (start != null) {
            await(start);
        }
    }

    private synchronized CompletableFuture<EmbeddedActiveMQ> startInBackground() {
        if (enabled && starting == null) {
            CompletableFuture<EmbeddedActiveMQ> start = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    start.complete(start());
                } catch (Throwable e) {
                    start.completeExceptionally(e);
                }
            }, "embedded-broker-start");
            thread.setDaemon(true);
            thread.start();
            starting = start;
        }
        return starting;
    }

    private static EmbeddedActiveMQ await(CompletableFuture<EmbeddedActiveMQ> start) throws Exception {
        try {
            return start.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The journal's disk as the running broker last checked it (every 5 s); empty while none runs. */
    Optional<Disk> disk() {
        CompletableFuture<EmbeddedActiveMQ> start;
        synchronized (this) {
            start = starting;
        }
        if (start == null || !start.isDone() || start.isCompletedExceptionally()) {
            return Optional.empty();
        }
        ActiveMQServer server = start.join().getActiveMQServer();
        PagingManager paging = server == null || !server.isStarted() ? null : server.getPagingManager();
        return paging == null ? Optional.empty()
                : Optional.of(new Disk(paging.isDiskFull(), paging.getDiskUsableSpace(), paging.getDiskTotalSpace()));
    }

    /**
     * The journal's disk: whether the broker blocks producers for lack of room, and its space in
     * bytes (0 before the broker's first check).
     */
    record Disk(boolean full, long usable, long total) {

        /** Whether the broker has looked at the disk yet (it does a few seconds after its start). */
        boolean checked() {
            return total > 0;
        }

        /** The share in use as the broker counts it (1 - usable / total), 0 to 1; NaN before the first check. */
        double usage() {
            return checked() ? 1 - (double) usable / total : Double.NaN;
        }
    }

    private EmbeddedActiveMQ start() throws Exception {
        Path journal = dataDir.resolve("artemis").toAbsolutePath();
        Configuration config = new ConfigurationImpl()
                .setName("callgem-outcomes")
                .setPersistenceEnabled(true)
                .setMaxDiskUsage(maxDiskUsage)
                .setMinDiskFree(minDiskFree.map(MemorySize::asLongValue).orElse(-1L))
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setGlobalMaxSize(maxMemory.asLongValue())
                // a batch of outcomes is one journal record: room for the largest regular one
                .setJournalBufferSize_NIO(JOURNAL_BUFFER)
                .setJournalBufferSize_AIO(JOURNAL_BUFFER)
                .setJournalBufferTimeout_NIO(journalSyncMicros * 1000)
                .setJournalBufferTimeout_AIO(journalSyncMicros * 1000)
                .setPageSyncTimeout(journalSyncMicros * 1000)
                .setJournalDirectory(journal.resolve("journal").toString())
                .setBindingsDirectory(journal.resolve("bindings").toString())
                .setPagingDirectory(journal.resolve("paging").toString())
                .setLargeMessagesDirectory(journal.resolve("large-messages").toString())
                // never block producers: page to disk instead when a queue grows large
                .addAddressSetting("#", paged())
                // an outcome whose delivery failed even into the dead letter (say, a full disk)
                // stays in its queue and is tried again, slower and slower, never dropped
                .addAddressSetting(inbox, neverDrop())
                .addAddressSetting("callgem.webhook.#", neverDrop())
                // vm://0, built directly: parsing the URL initialises Artemis' Netty transport
                // constants, and with them Netty's version scan of every jar's manifest
                .addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
                        Map.of(TransportConstants.SERVER_ID_PROP_NAME, 0), "in-vm"));
        if (listen.isPresent()) {
            config.addAcceptorConfiguration("listen", listen.get());
        }
        // JMX is off (above), yet the broker asks for an MBean server: one of its own, as the JVM's
        // platform server would register every platform MXBean first
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config)
                .setMbeanServer(MBeanServerFactory.newMBeanServer());
        try {
            broker.start();
        } catch (Exception | Error e) {
            stopQuietly(broker);
            throw e;
        }
        LOG.infof("Embedded Artemis broker started, journal in %s%s", journal,
                listen.map(url -> ", listening on " + url).orElse(""));
        return broker;
    }

    private AddressSettings paged() {
        return new AddressSettings()
                .setMaxSizeBytes(maxMemoryPerQueue.asLongValue())
                .setPageSizeBytes(pageSize.asBigInteger().intValueExact())
                .setMaxReadPageBytes(maxReadPage.asBigInteger().intValueExact())
                .setPrefetchPageBytes(maxReadPage.asBigInteger().intValueExact())
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE);
    }

    private AddressSettings neverDrop() {
        return paged()
                .setMaxDeliveryAttempts(-1)
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2)
                .setMaxRedeliveryDelay(60_000);
    }

    void onCamelStopped(@Observes CamelContextStoppedEvent event) throws Exception {
        stop();
    }

    /** Should Camel never have started (its start failed), the broker still stops with the application. */
    @PreDestroy
    void onDestroy() throws Exception {
        stop();
    }

    private void stop() throws Exception {
        CompletableFuture<EmbeddedActiveMQ> start;
        synchronized (this) {
            start = starting;
            starting = null;
        }
        if (start == null) {
            return;
        }
        EmbeddedActiveMQ broker;
        try {
            broker = await(start);
        } catch (Exception e) {
            return; // it did not start: nothing to stop (the start failure was reported to Camel)
        }
        broker.stop();
        LOG.info("Embedded Artemis broker stopped");
    }

    private static void stopQuietly(EmbeddedActiveMQ broker) {
        try {
            broker.stop();
        } catch (Exception e) {
            LOG.debugf("Stopping the broker that failed to start: %s", e);
        }
    }
}
