package io.callgem.protocol;

import java.util.Map;

/**
 * Decodes legacy DT: {@code KEY~N~value} fields joined by '~'. The brief leaves N open ("field
 * length or type marker"), so: when N is a number and exactly N characters followed by '~' or the
 * end follow, the value is those N characters (it may then hold '~'); otherwise the value runs
 * to the next '~'. Anything that does not fit keeps only the raw text, with a problem.
 */
final class LegacyFields {

    private LegacyFields() {
    }

    static LineOfBusinessData decode(String raw) {
        if (raw.indexOf('~') < 0) {
            return failed(raw, "data is neither Campaign Manager XML nor KEY~N~value fields");
        }
        Map<String, String> fields = new LineOfBusinessData.Decoded();   // handed over, not copied
        int len = raw.length();
        int pos = 0;
        while (pos < len) {
            int keyEnd = raw.indexOf('~', pos);
            if (keyEnd < 0) {
                return failed(raw, "legacy data field at index " + pos + " has no ~N~value");
            }
            if (keyEnd == pos) {
                return failed(raw, "legacy data field at index " + pos + " has an empty name");
            }
            int markEnd = raw.indexOf('~', keyEnd + 1);
            if (markEnd < 0) {
                return failed(raw, "legacy data field '" + raw.substring(pos, keyEnd) + "' has no value");
            }
            int valueStart = markEnd + 1;
            int valueEnd = valueEnd(raw, keyEnd + 1, markEnd, valueStart);
            fields.putIfAbsent(raw.substring(pos, keyEnd), raw.substring(valueStart, valueEnd));
            pos = valueEnd + 1;   // skip the separating '~' (or step past the end)
        }
        return new LineOfBusinessData(raw, fields, null);
    }

    private static int valueEnd(String raw, int markStart, int markEnd, int valueStart) {
        int len = raw.length();
        int n = lengthMarker(raw, markStart, markEnd);
        if (n >= 0 && valueStart + n <= len && (valueStart + n == len || raw.charAt(valueStart + n) == '~')) {
            return valueStart + n;
        }
        int next = raw.indexOf('~', valueStart);
        return next < 0 ? len : next;
    }

    private static int lengthMarker(String raw, int from, int to) {
        if (to == from || to - from > 6) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static LineOfBusinessData failed(String raw, String problem) {
        return new LineOfBusinessData(raw, Map.of(), problem);
    }
}
