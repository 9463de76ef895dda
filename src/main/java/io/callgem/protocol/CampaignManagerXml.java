package io.callgem.protocol;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes Campaign Manager XML DT: {@code <MagicXMLDocument><r><c n=".." d=".."/>...</r>}.
 * DT is untrusted input, so the JDK SAX parser runs with DOCTYPE declarations refused and all
 * external entity / DTD access off: an XXE payload fails to parse instead of reading files.
 */
final class CampaignManagerXml {

    static final String ROOT = "MagicXMLDocument";

    private static final SAXParserFactory FACTORY = secureFactory();
    /** SAXParser is not thread-safe; one per thread, reset before each use. */
    private static final ThreadLocal<SAXParser> PARSER = ThreadLocal.withInitial(CampaignManagerXml::newParser);

    private CampaignManagerXml() {
    }

    static LineOfBusinessData decode(String raw) {
        Collector collector = new Collector();
        try {
            SAXParser parser = PARSER.get();
            parser.reset();
            parser.parse(new InputSource(new StringReader(raw)), collector);
        } catch (SAXException | IOException | RuntimeException e) {
            return new LineOfBusinessData(raw, Map.of(), "XML data not readable: " + oneLine(e.getMessage()));
        }
        if (collector.problem != null) {
            return new LineOfBusinessData(raw, Map.of(), collector.problem);
        }
        return new LineOfBusinessData(raw, collector.fields, null);
    }

    private static SAXParserFactory secureFactory() {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("JDK SAX parser lacks the features needed for safe DT parsing", e);
        }
    }

    private static SAXParser newParser() {
        try {
            SAXParser p = FACTORY.newSAXParser();
            p.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            p.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return p;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot create a secure SAX parser", e);
        }
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        s = s.replace('\n', ' ').replace('\r', ' ');
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static final class Collector extends DefaultHandler {
        final Map<String, String> fields = new LinkedHashMap<>();
        String problem;
        boolean rootSeen;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (!rootSeen) {
                rootSeen = true;
                if (!ROOT.equals(localName)) {
                    problem = "XML data root is <" + qName + ">, expected <" + ROOT + ">";
                }
                return;
            }
            if ("c".equals(localName) && problem == null) {
                String n = attributes.getValue("n");
                if (n == null || n.isEmpty()) {
                    problem = "XML data has a <c> element without an n attribute";
                    return;
                }
                String d = attributes.getValue("d");
                fields.putIfAbsent(n, d == null ? "" : d);   // first occurrence wins, like SdmpMessage.get
            }
        }
    }
}
