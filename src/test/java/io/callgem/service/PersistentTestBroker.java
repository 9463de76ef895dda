package io.callgem.service;

import java.nio.file.Path;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/** For tests: an embedded Artemis broker with its journal under {@code dir}, reachable at an in-VM URL. */
public final class PersistentTestBroker {

    private PersistentTestBroker() {
    }

    /** Starts it; started again on the same {@code dir}, it has the messages it had. */
    public static EmbeddedActiveMQ start(String name, Path dir, String inVmUrl) throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setName(name)
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .addAcceptorConfiguration("in-vm", inVmUrl));
        broker.start();
        return broker;
    }
}
