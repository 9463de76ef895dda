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

    static final int MAX_DT = 128_000;
    private static final boolean[] FORBIDDEN_IN_CAMPAIGN = new boolean[128];
    private static final String[] TAG_NAMES = {"T1", "T2", "T3", "T4", "T5", "T6"};
    private static final int NOT_FIXED = Integer.MIN_VALUE;

    static {
        for (char c : "/\\:*?\"<>|&%+!';".toCharArray()) {
            FORBIDDEN_IN_CAMPAIGN[c] = true;
        }
    }

    private final ZoneId oleZone;
    private final boolean strict;
    /**
     * Last value per repeating field, shared by all readings. Racy on purpose: any String seen
     * is a correct value to compare with, and Strings are safely published (final fields).
     */
    private final String[] recent = new String[Code.values().length];
    /** The zone's offset when it never changes (UTC, +05:30...), else NOT_FIXED. */
    private final int fixedOffsetSeconds;

    public OutcomeReader() {
        this(ZoneOffset.UTC, false);
    }

    public OutcomeReader(ZoneId oleZone, boolean strict) {
        this.oleZone = Objects.requireNonNull(oleZone, "oleZone");
        this.strict = strict;
        this.fixedOffsetSeconds = oleZone.getRules().isFixedOffset()
                ? oleZone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() : NOT_FIXED;
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
        /** Created on the first problem: valid outcomes, the usual case, need no list. */
        private List<String> problems;
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
                problem(oz.code() + ": message code is not OZ");
            }
            List<Parameter> params = oz.parameters();
            if (params instanceof FrameParameters frame) {
                // hot path: values read in place from the frame text
                String text = frame.frame();
                for (int i = 0, n = frame.size(); i < n; i++) {
                    Code c = Code.of(frame.codeKey(i));
                    if (c == null) {
                        extra(frame.code(i), frame.value(i));
                    } else {
                        accept(c, text, frame.valueStart(i), frame.valueEnd(i));
                    }
                }
            } else {
                for (int i = 0, n = params.size(); i < n; i++) {
                    Parameter p = params.get(i);
                    String code = p.code();
                    Code c = code.length() == 2 ? Code.of((code.charAt(0) << 16) | code.charAt(1)) : null;
                    if (c == null) {
                        extra(code, p.value());
                    } else {
                        accept(c, p.value(), 0, p.value().length());
                    }
                }
            }
            mandatory(Code.TX, tx);
            mandatory(Code.GA, ga);
            mandatory(Code.RE, re);
            mandatory(Code.SI, si);
            mandatory(Code.TS, ts);
        }

        private void problem(String text) {
            if (problems == null) {
                problems = new ArrayList<>(4);
            }
            problems.add(text);
        }

        private void extra(String code, String value) {
            if (extra == null) {
                extra = new LinkedHashMap<>();
            }
            extra.putIfAbsent(code, value);
        }

        /** One known parameter whose value is {@code src[vs, ve)}. */
        private void accept(Code c, String src, int vs, int ve) {
            long b = bit(c);
            if ((seen & b) != 0) {
                problem(c + ": duplicate parameter, first value kept");
                return;
            }
            seen |= b;
            switch (c) {
                case TX -> tx = repeating(c, src, vs, ve, 1, 87);
                case CN -> cn = campaign(src, vs, ve);
                case TD -> td = tenant(src, vs, ve);
                case SI -> si = string(c, src, vs, ve, 1, 120);
                case GA -> ga = repeating(c, src, vs, ve, 1, 80);
                case AN -> an = string(c, src, vs, ve, 1, 80);
                case AG -> ag = string(c, src, vs, ve, 1, 80);
                case DN -> dn = string(c, src, vs, ve, 0, 80);
                case TN -> tn = string(c, src, vs, ve, 0, 80);
                case LI -> li = repeating(c, src, vs, ve, 1, 80);
                case QN -> qn = repeating(c, src, vs, ve, 1, 80);
                case AO -> ao = integer(c, src, vs, ve, 0, 9999);
                case RE -> re = integer(c, src, vs, ve, 0, 999);
                case IB -> ib = flag(c, src, vs, ve);
                case DD -> dd = flag(c, src, vs, ve);
                case RA -> ra = flag(c, src, vs, ve);
                case TS -> ts = date(c, src, vs, ve);
                case X1 -> x1 = date(c, src, vs, ve);
                case X2 -> x2 = date(c, src, vs, ve);
                case X3 -> x3 = date(c, src, vs, ve);
                case X4 -> x4 = date(c, src, vs, ve);
                case T1, T2, T3, T4, T5, T6 -> {
                    if (tags == null) {
                        tags = new String[6];
                    }
                    tags[c.ordinal() - Code.T1.ordinal()] = string(c, src, vs, ve, 0, 80);
                }
                case DT -> dt = data(src.substring(vs, ve));
            }
        }

        /** Missing, as opposed to present but unusable (which already has its own problem). */
        private void mandatory(Code c, Object value) {
            if (value == null && (seen & bit(c)) == 0) {
                problem(c + ": mandatory parameter missing");
            }
        }

        private String string(Code c, String src, int vs, int ve, int min, int max) {
            int len = ve - vs;
            if (len < min || len > max) {
                problem(c + ": length " + len + " out of range " + min + "-" + max);
            }
            return src.substring(vs, ve);
        }

        /**
         * For values a feed repeats in every OZ of a subscription (TX, CN, TD, GA, LI, QN): reuses
         * the previous String when the text is the same instead of allocating a copy.
         */
        private String repeating(Code c, String src, int vs, int ve, int min, int max) {
            int len = ve - vs;
            if (len < min || len > max) {
                problem(c + ": length " + len + " out of range " + min + "-" + max);
            }
            String last = recent[c.ordinal()];
            if (last != null && last.length() == len && src.regionMatches(vs, last, 0, len)) {
                return last;
            }
            String v = src.substring(vs, ve);
            recent[c.ordinal()] = v;
            return v;
        }

        private String campaign(String src, int vs, int ve) {
            String v = repeating(Code.CN, src, vs, ve, 1, 80);
            for (int i = vs; i < ve; i++) {
                char ch = src.charAt(i);
                if (ch < 128 && FORBIDDEN_IN_CAMPAIGN[ch]) {
                    problem("CN: forbidden character '" + ch + "' at index " + (i - vs));
                    break;
                }
            }
            return v;
        }

        private String tenant(String src, int vs, int ve) {
            String v = repeating(Code.TD, src, vs, ve, 1, 80);
            for (int i = vs; i < ve; i++) {
                char ch = src.charAt(i);
                boolean ascii = (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
                if (!ascii && !Character.isLetterOrDigit(ch)) {
                    problem("TD: must be alphanumeric, found '" + ch + "' at index " + (i - vs));
                    break;
                }
            }
            return v;
        }

        private Integer integer(Code c, String src, int vs, int ve, int min, int max) {
            boolean negative = ve - vs > 1 && src.charAt(vs) == '-';
            int i = negative ? vs + 1 : vs;
            if (ve == vs || ve - i > 9) {
                problem(c + ": '" + clip(src, vs, ve) + "' is not an integer");
                return null;
            }
            int n = 0;
            for (; i < ve; i++) {
                char ch = src.charAt(i);
                if (ch < '0' || ch > '9') {
                    problem(c + ": '" + clip(src, vs, ve) + "' is not an integer");
                    return null;
                }
                n = n * 10 + (ch - '0');
            }
            n = negative ? -n : n;
            if (n < min || n > max) {
                problem(c + ": " + n + " out of range " + min + "-" + max);
                return null;
            }
            return n;
        }

        private boolean flag(Code c, String src, int vs, int ve) {
            if (ve > vs) {
                problem(c + ": flag takes no value, got '" + clip(src, vs, ve) + "'");
            }
            return true;
        }

        private Instant date(Code c, String src, int vs, int ve) {
            double ole;
            try {
                ole = OleDate.parse(src, vs, ve);
            } catch (NumberFormatException e) {
                problem(c + ": '" + clip(src, vs, ve) + "' is not an OLE date");
                return null;
            }
            String problem = OleDate.problem(ole);
            if (problem != null) {
                problem(c + ": " + problem);
                return null;
            }
            return fixedOffsetSeconds != NOT_FIXED
                    ? Instant.ofEpochMilli(OleDate.toEpochMilli(ole, fixedOffsetSeconds))
                    : OleDate.toInstant(ole, oleZone);
        }

        private LineOfBusinessData data(String v) {
            if (v.length() > MAX_DT) {
                problem("DT: length " + v.length() + " out of range 1-" + MAX_DT);
            }
            LineOfBusinessData d = LineOfBusinessData.parse(v);
            if (d.problem() != null) {
                problem("DT: " + d.problem());
            }
            return d;
        }

        Outcome toOutcome() {
            Map<String, String> tagMap = Map.of();
            if (tags != null) {
                for (int i = 0; i < 6; i++) {
                    if (tags[i] != null) {
                        if (tagMap.isEmpty()) {
                            tagMap = Map.of(TAG_NAMES[i], tags[i]);   // the usual single tag: no hash table
                        } else {
                            if (tagMap.size() == 1) {
                                tagMap = new LinkedHashMap<>(tagMap);
                            }
                            tagMap.put(TAG_NAMES[i], tags[i]);
                        }
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

    private static String clip(String src, int vs, int ve) {
        return ve - vs <= 40 ? src.substring(vs, ve) : src.substring(vs, vs + 40) + "...";
    }

    /** The parameters of the spec table. */
    enum Code {
        AG, AN, AO, CN, DD, DN, DT, GA, IB, LI, QN, RA, RE, SI, T1, T2, T3, T4, T5, T6, TD, TN, TS, TX, X1, X2, X3, X4;

        static Code of(String code) {
            return code.length() == 2 ? of((code.charAt(0) << 16) | code.charAt(1)) : null;
        }

        /** Known codes by first letter A-Z and second char A-Z or 0-9: one array load per parameter. */
        private static final Code[] BY_CHARS = new Code[26 * 36];

        static {
            for (Code c : values()) {
                BY_CHARS[slot(c.name().charAt(0), c.name().charAt(1))] = c;
            }
        }

        private static int slot(char c0, char c1) {
            if (c0 < 'A' || c0 > 'Z') {
                return -1;
            }
            int second = c1 >= 'A' && c1 <= 'Z' ? c1 - 'A' : c1 >= '0' && c1 <= '9' ? 26 + c1 - '0' : -1;
            return second < 0 ? -1 : (c0 - 'A') * 36 + second;
        }

        /** By the two code chars packed as (c0 << 16) | c1: no String hashing per parameter. */
        static Code of(int key) {
            int slot = slot((char) (key >>> 16), (char) key);
            return slot < 0 ? null : BY_CHARS[slot];
        }
    }
}
