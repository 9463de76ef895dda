package io.callgem.service.webhook;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.callgem.service.ServiceTestResource;

/**
 * The service's test resource (free port, own data folders) plus WireMock on a free loopback
 * port as the CRMs of three tenants, with retries shortened to fractions of a second.
 */
public class CrmResource extends ServiceTestResource {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static volatile WireMockServer crm;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        crm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        crm.start();
        for (String tenant : new String[] { "HookFlaky", "HookGone" }) {
            config.put("outcomes.webhook." + tenant + ".url", crm.baseUrl() + "/" + tenant + "?token=t0ps3cr3t");
            config.put("outcomes.webhook." + tenant + ".secret", SECRET);
        }
        config.put("outcomes.webhook.initial-backoff", "200ms");
        config.put("outcomes.webhook.max-backoff", "2s");
        config.put("outcomes.webhook.max-attempts", "3");
        return config;
    }

    @Override
    public void stop() {
        if (crm != null) {
            crm.stop();
        }
        super.stop();
    }
}
