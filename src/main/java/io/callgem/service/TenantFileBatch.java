package io.callgem.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Route step of the files sink for a whole {@link OutcomeBatch}: the outcomes the
 * {@code filesDelivered} ledger has not seen are appended, one write per tenant file of the day,
 * in arrival order, and only then remembered (a crash in between repeats a line rather than
 * losing it, as the idempotent consumer with {@code eager: false} does for one outcome). A file
 * that cannot be written fails the step after the files before it were written and remembered,
 * so the route can go on one outcome at a time without repeating those.
 */
@ApplicationScoped
@Named("tenantFileBatch")
@RegisterForReflection
public class TenantFileBatch implements Processor {

    private record TenantDay(String tenantDir, String date) {
    }

    @Inject
    TenantFiles files;

    @Inject
    @Named("filesDelivered")
    DeliveredIds delivered;

    @Inject
    OutcomeMetrics metrics;

    @Inject
    SinkHealth health;

    @Override
    public void process(Exchange exchange) throws Exception {
        ServiceHelper.startService(delivered); // a no-op once the routes have started it
        List<OutcomeBatch.Line> lines = OutcomeBatch.lines(exchange);
        Map<TenantDay, List<OutcomeBatch.Line>> byFile = new LinkedHashMap<>();
        for (OutcomeBatch.Line line : delivered.unseen(lines, OutcomeBatch.Line::outcomeId)) {
            byFile.computeIfAbsent(new TenantDay(line.tenantDir(), line.date()), k -> new ArrayList<>()).add(line);
        }
        for (Map.Entry<TenantDay, List<OutcomeBatch.Line>> file : byFile.entrySet()) {
            List<OutcomeBatch.Line> batch = file.getValue();
            files.append(file.getKey().tenantDir(), file.getKey().date(),
                    batch.stream().map(OutcomeBatch.Line::document).toList());
            delivered.addAll(batch.stream().map(OutcomeBatch.Line::outcomeId).toList());
            batch.forEach(line -> metrics.delivered("files", line.tenant()));
            health.delivered("files");
        }
    }
}
