package io.callgem.component;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.callgem.protocol.CallGemCharset;
import io.callgem.protocol.SdmpFrameDecoder;
import io.callgem.protocol.Terminator;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Options of a callgem: endpoint. Each endpoint works on its own copy (see {@link #copy()}).
 */
@UriParams
public class CallGemConfiguration implements Cloneable {

    static final long DEFAULT_CONNECT_TIMEOUT = 10_000;
    static final long DEFAULT_RECONNECT_DELAY = 1_000;
    static final long DEFAULT_MAX_RECONNECT_DELAY = 60_000;
    static final long DEFAULT_SHUTDOWN_TIMEOUT = 5_000;
    static final long DEFAULT_REQUEST_TIMEOUT = 10_000;
    static final int DEFAULT_MAX_IN_FLIGHT = 1_000;
    static final int DEFAULT_MAX_BATCH_SIZE = 100;

    @UriParam(label = "consumer", description = "Comma-separated campaign names (CN) to subscribe to: one EO per"
                                                + " campaign (per campaign and tenant when tenants are also set).")
    private String campaigns;

    @UriParam(label = "consumer", description = "Comma-separated tenant descriptors (TD). Without campaigns: one EO"
                                                + " per tenant. With campaigns: one EO per campaign and tenant pair.")
    private String tenants;

    @UriParam(label = "consumer", defaultValue = "true",
              description = "Request successful outcomes (SO flag on the EO).")
    private boolean successes = true;

    @UriParam(label = "consumer", defaultValue = "true",
              description = "Request failed outcomes (FO flag on the EO).")
    private boolean failures = true;

    @UriParam(label = "consumer", description = "Optional rate (CS) sent on each EO.")
    private Integer rate;

    @UriParam(label = "consumer",
              description = "Persist token (PS) sent on each EO: CallGem buffers outcomes while the client is away and"
                            + " replays them when an EO with the same token comes back, so the route must be"
                            + " idempotent.")
    private String persistToken;

    @UriParam(defaultValue = "ascii", enums = "ascii,utf-16le",
              description = "Wire charset: ascii (one byte per character, port 6502 by convention) or utf-16le"
                            + " (port 6500 by convention).")
    private String charset = "ascii";

    @UriParam(label = "advanced", defaultValue = "NUL", enums = "NUL,CRLF,LF",
              description = "Terminator written after each message sent; any of them is accepted on receive.")
    private String terminator = "NUL";

    @UriParam(label = "consumer", defaultValue = "false",
              description = "Strict validation: an outcome that breaks a rule of the OZ specification is handed to the"
                            + " route with a CallGemInvalidOutcomeException set (error handler / dead letter) instead"
                            + " of as a normal exchange with CamelCallGemValid=false.")
    private boolean strict;

    @UriParam(label = "consumer", defaultValue = "UTC",
              description = "Time zone of the OLE dates CallGem writes (the local zone of its host).")
    private String oleZone = "UTC";

    @UriParam(label = "advanced", defaultValue = "" + SdmpFrameDecoder.DEFAULT_MAX_FRAME_LENGTH,
              description = "Longest accepted frame in characters; a longer one is discarded and reported with a"
                            + " CallGemFrameTooLongException; the connection survives.")
    private int maxFrameLength = SdmpFrameDecoder.DEFAULT_MAX_FRAME_LENGTH;

    @UriParam(defaultValue = "10s", javaType = "java.time.Duration",
              description = "Timeout of one TCP connect attempt.")
    private long connectTimeout = DEFAULT_CONNECT_TIMEOUT;

    @UriParam(label = "consumer", defaultValue = "1s", javaType = "java.time.Duration",
              description = "Delay before the first reconnect attempt; doubles on each failed attempt, with jitter.")
    private long reconnectDelay = DEFAULT_RECONNECT_DELAY;

    @UriParam(label = "consumer", defaultValue = "60s", javaType = "java.time.Duration",
              description = "Longest delay between reconnect attempts. The consumer never gives up.")
    private long maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;

    @UriParam(label = "consumer", defaultValue = "0", javaType = "java.time.Duration",
              description = "Reconnect when nothing has arrived for this long. 0 (the default) turns it off, because"
                            + " a quiet dialer is normal.")
    private long idleTimeout;

    @UriParam(defaultValue = "true", description = "Enable TCP keepalive on the socket.")
    private boolean tcpKeepAlive = true;

    @UriParam(defaultValue = "cg",
              description = "Prefix of the transaction ids (TX) generated for requests; a unique suffix is appended"
                            + " for every request and connection attempt.")
    private String transactionIdPrefix = "cg";

    @UriParam(label = "consumer,advanced", defaultValue = "5s", javaType = "java.time.Duration",
              description = "On stop or suspend: how long to wait for the EF replies to the EE sent for each"
                            + " subscription, and then for the exchanges in flight, before the socket is closed.")
    private long shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

    @UriParam(label = "consumer,advanced", defaultValue = "" + DEFAULT_MAX_IN_FLIGHT,
              description = "Backpressure: when this many received messages wait for the route, the consumer stops"
                            + " reading the socket until half of them are done.")
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;

    @UriParam(label = "consumer", defaultValue = "false",
              description = "Hand the route a batch of outcomes per exchange instead of one: the body is a"
                            + " List<Outcome> of the outcomes already received and waiting (up to maxBatchSize), so a"
                            + " batch never waits for more to arrive. Malformed, too long and (in strict mode)"
                            + " invalid messages still come as exchanges of their own, in arrival order.")
    private boolean batching;

    @UriParam(label = "consumer", defaultValue = "" + DEFAULT_MAX_BATCH_SIZE,
              description = "With batching: the most outcomes in one exchange.")
    private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;

    @UriParam(label = "producer", defaultValue = "10s", javaType = "java.time.Duration",
              description = "How long the producer waits for the reply (EF or ER) to a request that expects one.")
    private long requestTimeout = DEFAULT_REQUEST_TIMEOUT;

    /** A copy for one endpoint, so endpoints never share mutable options. */
    public CallGemConfiguration copy() {
        try {
            return (CallGemConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    // derived values

    public List<String> campaignList() {
        return split(campaigns);
    }

    public List<String> tenantList() {
        return split(tenants);
    }

    public CallGemCharset callGemCharset() {
        return CallGemCharset.of(charset);
    }

    public Terminator wireTerminator() {
        return Terminator.of(terminator);
    }

    public ZoneId oleZoneId() {
        return ZoneId.of(oleZone);
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        if (csv != null) {
            Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    // getters and setters

    public String getCampaigns() {
        return campaigns;
    }

    public void setCampaigns(String campaigns) {
        this.campaigns = campaigns;
    }

    public String getTenants() {
        return tenants;
    }

    public void setTenants(String tenants) {
        this.tenants = tenants;
    }

    public boolean isSuccesses() {
        return successes;
    }

    public void setSuccesses(boolean successes) {
        this.successes = successes;
    }

    public boolean isFailures() {
        return failures;
    }

    public void setFailures(boolean failures) {
        this.failures = failures;
    }

    public Integer getRate() {
        return rate;
    }

    public void setRate(Integer rate) {
        this.rate = rate;
    }

    public String getPersistToken() {
        return persistToken;
    }

    public void setPersistToken(String persistToken) {
        this.persistToken = persistToken;
    }

    public String getCharset() {
        return charset;
    }

    public void setCharset(String charset) {
        this.charset = charset;
    }

    public String getTerminator() {
        return terminator;
    }

    public void setTerminator(String terminator) {
        this.terminator = terminator;
    }

    public boolean isStrict() {
        return strict;
    }

    public void setStrict(boolean strict) {
        this.strict = strict;
    }

    public String getOleZone() {
        return oleZone;
    }

    public void setOleZone(String oleZone) {
        this.oleZone = oleZone;
    }

    public int getMaxFrameLength() {
        return maxFrameLength;
    }

    public void setMaxFrameLength(int maxFrameLength) {
        this.maxFrameLength = maxFrameLength;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public long getMaxReconnectDelay() {
        return maxReconnectDelay;
    }

    public void setMaxReconnectDelay(long maxReconnectDelay) {
        this.maxReconnectDelay = maxReconnectDelay;
    }

    public long getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(long idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public boolean isTcpKeepAlive() {
        return tcpKeepAlive;
    }

    public void setTcpKeepAlive(boolean tcpKeepAlive) {
        this.tcpKeepAlive = tcpKeepAlive;
    }

    public String getTransactionIdPrefix() {
        return transactionIdPrefix;
    }

    public void setTransactionIdPrefix(String transactionIdPrefix) {
        this.transactionIdPrefix = transactionIdPrefix;
    }

    public long getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(long shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public boolean isBatching() {
        return batching;
    }

    public void setBatching(boolean batching) {
        this.batching = batching;
    }

    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
