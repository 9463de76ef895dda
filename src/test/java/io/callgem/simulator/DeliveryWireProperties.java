package io.callgem.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.callgem.protocol.Parameter;
import io.callgem.protocol.SdmpMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The simulator writes each OZ under its subscriber's TX in one go
 * ({@link SdmpMessage#toWireWithFirst}): the same text as the message rebuilt with that TX first
 * and written.
 */
class DeliveryWireProperties {

    @Property(tries = 1000)
    void anOutcomeUnderItsSubscribersTxIsWrittenAsTheRebuiltMessage(@ForAll("messages") SdmpMessage oz,
            @ForAll("values") String tx) {
        String rebuilt;
        try {
            // the simulator's OZ have no routing prefix; one is kept as it is
            rebuilt = new SdmpMessage(oz.prefix(), oz.code(), withTransaction(oz, tx)).toWire();
        } catch (IllegalArgumentException unwritable) {
            assertThatThrownBy(() -> oz.toWireWithFirst("TX", tx)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertThat(oz.toWireWithFirst("TX", tx)).isEqualTo(rebuilt);
    }

    /** The message's parameters with {@code TX} = {@code tx} first and no other TX. */
    private static List<Parameter> withTransaction(SdmpMessage oz, String tx) {
        List<Parameter> parameters = new java.util.ArrayList<>(oz.parameters().size() + 1);
        parameters.add(new Parameter("TX", tx));
        for (Parameter p : oz.parameters()) {
            if (!"TX".equals(p.code())) {
                parameters.add(p);
            }
        }
        return parameters;
    }

    @Example
    void aTypicalOutcome() {
        SdmpMessage oz = new SdmpMessage(null, "OZ", List.of(new Parameter("TX", "old"), new Parameter("CN", "Sales1"),
                new Parameter("DT", "a\\b"), new Parameter("TX", "older"), Parameter.flag("IB")));
        assertThat(oz.toWireWithFirst("TX", "EO-7")).isEqualTo("OZ\\TXEO-7\\CNSales1\\DT\"a\\b\"\\IB");
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().ofMaxLength(10),
                Arbitraries.strings().withChars("ab\"\\:~< ").ofMaxLength(8));
    }

    @Provide
    Arbitrary<SdmpMessage> messages() {
        Arbitrary<String> codes = Arbitraries.of("TX", "CN", "SI", "DT", "FM", "T1", "ZZ");
        Arbitrary<Parameter> parameters = Combinators.combine(codes, values()).as(Parameter::new);
        return Combinators.combine(Arbitraries.of("OZ", "EO", "ER").injectNull(0),
                Arbitraries.of("CG:MA", "X").injectNull(0.7), parameters.list().ofMaxSize(8))
                .as((code, prefix, list) -> new SdmpMessage(prefix, code, list));
    }
}
