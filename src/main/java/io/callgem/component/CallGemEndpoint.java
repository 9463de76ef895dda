package io.callgem.component;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Receive outcomes (OZ) from a Softdial CallGem dialer and send it SDMP commands.
 * <p>
 * The consumer connects as a TCP client, subscribes with one EO per campaign (and/or tenant), turns each OZ into an
 * exchange, reconnects forever with exponential backoff and re-subscribes. The producer sends one SDMP command on its
 * own connection and returns the reply (EF or ER) when one is expected.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "callgem", title = "CallGem", syntax = "callgem:host:port",
             category = { Category.NETWORKING }, headersClass = CallGemConstants.class, generateConfigurer = true)
public class CallGemEndpoint extends DefaultEndpoint {

    private volatile CallGemConsumer consumer;

    @UriPath(description = "Host name or address of the CallGem server.")
    @Metadata(required = true)
    private String host;

    @UriPath(description = "CallGem port: 6502 for ASCII, 6500 for UTF-16LE by convention.")
    @Metadata(required = true)
    private int port;

    @UriParam
    private CallGemConfiguration configuration;

    public CallGemEndpoint() {
    }

    public CallGemEndpoint(String endpointUri, CallGemComponent component, CallGemConfiguration configuration) {
        super(endpointUri, component);
        this.configuration = configuration;
    }

    @Override
    public CallGemComponent getComponent() {
        return (CallGemComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        return new CallGemProducer(this);
    }

    /**
     * The consumer this endpoint created last, for metrics and tools (its state and counters);
     * {@code null} before one was created.
     */
    public CallGemConsumer getConsumer() {
        return consumer;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (configuration.campaignList().isEmpty() && configuration.tenantList().isEmpty()) {
            throw new IllegalArgumentException(
                    "callgem: consumer needs campaigns and/or tenants to subscribe to: " + getEndpointUri());
        }
        CallGemConsumer consumer = new CallGemConsumer(this, processor);
        configureConsumer(consumer);
        this.consumer = consumer;
        return consumer;
    }

    @Override
    public boolean isRemote() {
        return true;
    }

    /** host:port for log lines and health details. */
    public String address() {
        return host + ":" + port;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public CallGemConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(CallGemConfiguration configuration) {
        this.configuration = configuration;
    }
}
