package io.callgem.component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.callgem.component.internal.RequestConnection;
import io.callgem.protocol.EndEnumeration;
import io.callgem.protocol.EnumerateOutcomes;
import io.callgem.protocol.EnumerationFinished;
import io.callgem.protocol.ErrorReply;
import io.callgem.protocol.SdmpMessage;
import io.callgem.protocol.SdmpParseException;
import io.callgem.protocol.SdmpParser;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Sends one SDMP command per exchange on the producer's own connection. The body is a String (the raw command,
 * without terminator), an {@link SdmpMessage}, an {@link EnumerateOutcomes} or an {@link EndEnumeration}. An EE
 * expects a reply: the exchange's body becomes the {@link EnumerationFinished} or {@link ErrorReply} (a timeout
 * fails the exchange with {@link ExchangeTimedOutException}); for other commands the body is left as it was.
 */
public class CallGemProducer extends DefaultProducer {

    private RequestConnection connection;

    public CallGemProducer(CallGemEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public CallGemEndpoint getEndpoint() {
        return (CallGemEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        CallGemEndpoint endpoint = getEndpoint();
        connection = new RequestConnection(endpoint.getHost(), endpoint.getPort(), endpoint.getConfiguration(),
                endpoint.getComponent().eventLoopGroup().next());
    }

    @Override
    protected void doStop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        super.doStop();
    }

    @Override
    public synchronized void process(Exchange exchange) throws Exception {
        SdmpMessage request = toRequest(exchange);
        boolean expectReply = "EE".equals(request.code());
        Message in = exchange.getIn();
        in.setHeader(CallGemConstants.TRANSACTION_ID, request.get("TX"));
        CompletableFuture<SdmpMessage> reply = connection.send(request, expectReply);
        if (reply == null) {
            return;
        }
        long timeout = getEndpoint().getConfiguration().getRequestTimeout();
        SdmpMessage answer;
        try {
            answer = reply.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            connection.abandon(reply);
            throw new ExchangeTimedOutException(exchange, timeout, "No reply from CallGem to " + request.code()
                                                                   + " TX " + request.get("TX"));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
        Message out = exchange.getMessage();
        out.setHeader(CallGemConstants.RAW, answer.toWire());
        out.setBody("EF".equals(answer.code()) ? EnumerationFinished.from(answer) : ErrorReply.from(answer));
    }

    private static SdmpMessage toRequest(Exchange exchange) throws Exception {
        Object body = exchange.getIn().getBody();
        if (body instanceof SdmpMessage m) {
            return m;
        }
        if (body instanceof EnumerateOutcomes eo) {
            return eo.toMessage();
        }
        if (body instanceof EndEnumeration ee) {
            return ee.toMessage();
        }
        String text = exchange.getIn().getBody(String.class);
        if (text == null) {
            throw new InvalidPayloadException(exchange, String.class);
        }
        String command = stripTerminator(text);
        try {
            return SdmpParser.parse(command);
        } catch (SdmpParseException e) {
            throw new CallGemMalformedFrameException(command, e.getMessage());
        }
    }

    private static String stripTerminator(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\0' || text.charAt(end - 1) == '\n'
                           || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
