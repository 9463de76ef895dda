package io.callgem.protocol;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns an OZ {@link SdmpMessage} into an {@link Outcome}, checking the types and limits of the
 * spec table (protocol brief, "Outcome Data [OZ]"). Lenient mode delivers the outcome with its
 * problems; strict mode rejects it. Problems read "CODE: rule", e.g. "GA: mandatory parameter
 * missing" or "AO: 12000 out of range 0-9999". Unknown parameters go to {@link Outcome#extra()}.
 * Thread-safe.
 */
public final class OutcomeReader {

    static final String FORBIDDEN_IN_CAMPAIGN = "/\\:*?\"<>|&%+!';";
    static final int MAX_DT = 128_000;

    private final ZoneId oleZone;
    private final boolean strict;

    public OutcomeReader() {
        this(ZoneOffset.UTC, false);
    }

    public OutcomeReader(ZoneId oleZone, boolean strict) {
        this.oleZone = Objects.requireNonNull(oleZone, "oleZone");
        this.strict = strict;
    }

    public ZoneId oleZone() {
        return oleZone;
    }

    public boolean strict() {
        return strict;
    }

    /**
     * @throws InvalidOutcomeException in strict mode when the message broke any rule
     */
    public Outcome read(SdmpMessage oz) throws InvalidOutcomeException {
        Outcome outcome = new Fields(oz).toOutcome();
        if (strict && !outcome.valid()) {
            throw new InvalidOutcomeException(outcome.problems(), outcome);
        }
        return outcome;
    }

    /** The lenient reading whatever the mode: never throws for message content. */
    public Outcome readLenient(SdmpMessage oz) {
        return new Fields(oz).toOutcome();
    }

    /** One reading: collects values and problems in a single pass over the parameters. */
    private final class Fields {
        private final List<String> problems = new ArrayList<>(0);
        private long seen;
        private String tx, cn, td, si, ga, an, ag, dn, tn, li, qn;
        private Integer ao, re;
        private boolean ib, dd, ra;
        private Instant ts, x1, x2, x3, x4;
        private String[] tags;
        private LineOfBusinessData dt;
        private Map<String, String> extra;

        Fields(SdmpMessage oz) {
            if (!"OZ".equals(oz.code())) {
                problems.add(oz.code() + ": message code is not OZ");
            }
            List<Parameter> params = oz.parameters();
            for (int i = 0, n = params.size(); i < n; i++) {
                accept(params.get(i));
            }
            mandatory("TX", tx);
            mandatory("GA", ga);
            mandatory("RE", re == null && (seen & bit(Code.RE)) != 0 ? "" : re);
            mandatory("SI", si);
            mandatory("TS", ts == null && (seen & bit(Code.TS)) != 0 ? "" : ts);
        }

        private void accept(Parameter p) {
            String code = p.code();
            String v = p.value();
            Code c = Code.of(code);
            if (c == null) {
                if (extra == null) {
                    extra = new LinkedHashMap<>();
                }
                extra.putIfAbsent(code, v);
                return;
            }
            long b = bit(c);
            if ((seen & b) != 0) {
                problems.add(code + ": duplicate parameter, first value kept");
                return;
            }
            seen |= b;
            switch (c) {
                case TX -> tx = string(code, v, 1, 87);
                case CN -> cn = campaign(v);
                case TD -> td = tenant(v);
                case SI -> si = string(code, v, 1, 120);
                case GA -> ga = string(code, v, 1, 80);
                case AN -> an = string(code, v, 1, 80);
                case AG -> ag = string(code, v, 1, 80);
                case DN -> dn = string(code, v, 0, 80);
                case TN -> tn = string(code, v, 0, 80);
                case LI -> li = string(code, v, 1, 80);
                case QN -> qn = string(code, v, 1, 80);
                case AO -> ao = integer(code, v, 0, 9999);
                case RE -> re = integer(code, v, 0, 999);
                case IB -> ib = flag(code, v);
                case DD -> dd = flag(code, v);
                case RA -> ra = flag(code, v);
                case TS -> ts = date(code, v);
                case X1 -> x1 = date(code, v);
                case X2 -> x2 = date(code, v);
                case X3 -> x3 = date(code, v);
                case X4 -> x4 = date(code, v);
                case T1, T2, T3, T4, T5, T6 -> {
                    if (tags == null) {
                        tags = new String[6];
                    }
                    tags[c.ordinal() - Code.T1.ordinal()] = string(code, v, 0, 80);
                }
                case DT -> dt = data(v);
            }
        }

        private void mandatory(String code, Object value) {
            if (value == null) {
                problems.add(code + ": mandatory parameter missing");
            }
        }

        private String string(String code, String v, int min, int max) {
            int len = v.length();
            if (len < min || len > max) {
                problems.add(code + ": length " + len + " out of range " + min + "-" + max);
            }
            return v;
        }

        private String campaign(String v) {
            string("CN", v, 1, 80);
            for (int i = 0, n = v.length(); i < n; i++) {
                char ch = v.charAt(i);
                if (FORBIDDEN_IN_CAMPAIGN.indexOf(ch) >= 0) {
                    problems.add("CN: forbidden character '" + ch + "' at index " + i);
                    break;
                }
            }
            return v;
        }

        private String tenant(String v) {
            string("TD", v, 1, 80);
            for (int i = 0, n = v.length(); i < n; i++) {
                if (!Character.isLetterOrDigit(v.charAt(i))) {
                    problems.add("TD: must be alphanumeric, found '" + v.charAt(i) + "' at index " + i);
                    break;
                }
            }
            return v;
        }

        private Integer integer(String code, String v, int min, int max) {
            int len = v.length();
            boolean negative = len > 1 && v.charAt(0) == '-';
            int i = negative ? 1 : 0;
            if (len == 0 || len - i > 9) {
                problems.add(code + ": '" + clip(v) + "' is not an integer");
                return null;
            }
            int n = 0;
            for (; i < len; i++) {
                char ch = v.charAt(i);
                if (ch < '0' || ch > '9') {
                    problems.add(code + ": '" + clip(v) + "' is not an integer");
                    return null;
                }
                n = n * 10 + (ch - '0');
            }
            n = negative ? -n : n;
            if (n < min || n > max) {
                problems.add(code + ": " + n + " out of range " + min + "-" + max);
                return null;
            }
            return n;
        }

        private boolean flag(String code, String v) {
            if (!v.isEmpty()) {
                problems.add(code + ": flag takes no value, got '" + clip(v) + "'");
            }
            return true;
        }

        private Instant date(String code, String v) {
            double ole;
            try {
                ole = OleDate.parse(v);
            } catch (NumberFormatException e) {
                problems.add(code + ": '" + clip(v) + "' is not an OLE date");
                return null;
            }
            String problem = OleDate.problem(ole);
            if (problem != null) {
                problems.add(code + ": " + problem);
                return null;
            }
            return OleDate.toInstant(ole, oleZone);
        }

        private LineOfBusinessData data(String v) {
            if (v.length() > MAX_DT) {
                problems.add("DT: length " + v.length() + " out of range 1-" + MAX_DT);
            }
            LineOfBusinessData d = LineOfBusinessData.parse(v);
            if (d.problem() != null) {
                problems.add("DT: " + d.problem());
            }
            return d;
        }

        Outcome toOutcome() {
            Map<String, String> tagMap = Map.of();
            if (tags != null) {
                tagMap = new LinkedHashMap<>();
                for (int i = 0; i < 6; i++) {
                    if (tags[i] != null) {
                        tagMap.put("T" + (i + 1), tags[i]);
                    }
                }
            }
            String reasonText = re == null ? null : ReasonCode.text(re);
            boolean live = re != null && ReasonCode.isLive(re);
            return new Outcome(tx, cn, td, si, ga, an, ag, ao, re, reasonText, live, dn, tn, li, qn,
                    ib, dd, ra, ts, x1, x2, x3, x4, tagMap, dt, extra, problems);
        }
    }

    private static long bit(Code c) {
        return 1L << c.ordinal();
    }

    private static String clip(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "...";
    }

    /** The parameters of the spec table. */
    enum Code {
        AG, AN, AO, CN, DD, DN, DT, GA, IB, LI, QN, RA, RE, SI, T1, T2, T3, T4, T5, T6, TD, TN, TS, TX, X1, X2, X3, X4;

        static Code of(String code) {
            if (code.length() != 2) {
                return null;
            }
            return switch (code) {
                case "AG" -> AG;
                case "AN" -> AN;
                case "AO" -> AO;
                case "CN" -> CN;
                case "DD" -> DD;
                case "DN" -> DN;
                case "DT" -> DT;
                case "GA" -> GA;
                case "IB" -> IB;
                case "LI" -> LI;
                case "QN" -> QN;
                case "RA" -> RA;
                case "RE" -> RE;
                case "SI" -> SI;
                case "T1" -> T1;
                case "T2" -> T2;
                case "T3" -> T3;
                case "T4" -> T4;
                case "T5" -> T5;
                case "T6" -> T6;
                case "TD" -> TD;
                case "TN" -> TN;
                case "TS" -> TS;
                case "TX" -> TX;
                case "X1" -> X1;
                case "X2" -> X2;
                case "X3" -> X3;
                case "X4" -> X4;
                default -> null;
            };
        }
    }
}
