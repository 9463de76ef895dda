package io.callgem.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Examples for the fast path of {@link CampaignManagerXml}: what it reads itself, and the
 * hostile or unusual input it must leave to the secure SAX parser.
 */
class CampaignManagerXmlTest {

    private static final String SECRET = "TOP-SECRET-77";

    @Test
    void campaignManagerDocumentTakesTheFastPath() {
        String raw = "<?xml version='1.0' encoding='UTF-8'?>\r\n<MagicXMLDocument xmlns=\"http://www.sytelco.com/SCC/CM\">\n"
                + "  <r>\n    <c n=\"AccountNo\" m=\"true\" d=\"12345\"/>\n    <c n='Name' d='Ann &amp; Bob'></c>\n"
                + "    <c n=\"Note\" d=\"a&#9;b\tc\r\nd&#x1F600;&lt;&gt;&quot;&apos;\"/>\n    <c n=\"AccountNo\" d=\"dup\"/>\n"
                + "    <c n=\"Empty\"/>\n  </r >\n</MagicXMLDocument>\n";
        LineOfBusinessData fast = CampaignManagerXml.FastPath.decode(raw);
        assertThat(fast).isNotNull();
        assertThat(fast.problem()).isNull();
        assertThat(fast.fields()).containsExactly(Map.entry("AccountNo", "12345"), Map.entry("Name", "Ann & Bob"),
                Map.entry("Note", "a\tb c d\uD83D\uDE00<>\"'"), Map.entry("Empty", ""));
        assertThat(fast).isEqualTo(CampaignManagerXml.decodeWithSax(raw));
        assertThat(fast.fields().keySet()).containsExactlyElementsOf(CampaignManagerXml.decodeWithSax(raw).fields().keySet());
    }

    @Test
    void problemsFoundOnTheFastPathAreWordedAsSaxWordsThem() {
        String wrongRoot = "<Other><c n=\"a\" d=\"1\"/></Other>";
        assertThat(CampaignManagerXml.FastPath.decode(wrongRoot)).isNotNull()
                .isEqualTo(CampaignManagerXml.decodeWithSax(wrongRoot))
                .extracting(LineOfBusinessData::problem).isEqualTo("XML data root is <Other>, expected <MagicXMLDocument>");
        String nameless = "<MagicXMLDocument><r><c n=\"a\" d=\"1\"/><c n=\"\" d=\"2\"/></r></MagicXMLDocument>";
        assertThat(CampaignManagerXml.FastPath.decode(nameless)).isNotNull()
                .isEqualTo(CampaignManagerXml.decodeWithSax(nameless))
                .extracting(LineOfBusinessData::problem).isEqualTo("XML data has a <c> element without an n attribute");
    }

    @Test
    void externalEntityPayloadsAreLeftToSaxWhichRefusesThem(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, SECRET);
        String uri = secret.toUri().toString();
        String[] payloads = {
                "<!DOCTYPE MagicXMLDocument [<!ENTITY xxe SYSTEM \"" + uri + "\">]>"
                        + "<MagicXMLDocument><r><c n=\"Name\" d=\"&xxe;\"/></r></MagicXMLDocument>",
                "<?xml version=\"1.0\"?><!DOCTYPE MagicXMLDocument [<!ENTITY xxe SYSTEM \"" + uri + "\">]>"
                        + "<MagicXMLDocument><r><c n=\"Name\" d=\"&xxe;\"/></r></MagicXMLDocument>",
                "<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + uri + "\"> %p;]><MagicXMLDocument/>",
                "<!DOCTYPE MagicXMLDocument SYSTEM \"" + uri + "\"><MagicXMLDocument><r><c n=\"a\" d=\"1\"/></r></MagicXMLDocument>",
                "<!DOCTYPE MagicXMLDocument [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><MagicXMLDocument><r><c n=\"a\" d=\"&c;\"/></r></MagicXMLDocument>",
                "<MagicXMLDocument><!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + uri + "\">]><r><c n=\"a\" d=\"&xxe;\"/></r></MagicXMLDocument>",
        };
        for (String raw : payloads) {
            assertThat(CampaignManagerXml.FastPath.decode(raw)).as(raw).isNull();
            LineOfBusinessData d = CampaignManagerXml.decode(raw);
            assertThat(d).as(raw).isEqualTo(CampaignManagerXml.decodeWithSax(raw));
            assertThat(d.fields()).as(raw).isEmpty();
            assertThat(d.problem()).as(raw).startsWith("XML data not readable").doesNotContain(SECRET);
            assertThat(d.raw()).isEqualTo(raw);
        }
    }

    @Test
    void undeclaredEntitiesAreLeftToSax() {
        for (String ref : new String[] {"&xxe;", "&foo;", "&amp", "&#0;", "&#xD800;", "&#X41;", "&#x110000;", "&nbsp;"}) {
            String raw = "<MagicXMLDocument><r><c n=\"a\" d=\"" + ref + "\"/></r></MagicXMLDocument>";
            assertThat(CampaignManagerXml.FastPath.decode(raw)).as(raw).isNull();
            assertThat(CampaignManagerXml.decode(raw).problem()).as(raw).startsWith("XML data not readable");
        }
    }

    @Test
    void xIncludeIsNeitherFollowedNorTakenForAField(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.xml");
        Files.writeString(secret, "<c n=\"Secret\" d=\"" + SECRET + "\"/>");
        String raw = "<MagicXMLDocument xmlns:xi=\"http://www.w3.org/2001/XInclude\"><r>"
                + "<xi:include href=\"" + secret.toUri() + "\"/><c n=\"a\" d=\"1\"/></r></MagicXMLDocument>";
        assertThat(CampaignManagerXml.FastPath.decode(raw)).isNull();   // prefixes are left to SAX
        LineOfBusinessData d = CampaignManagerXml.decode(raw);
        assertThat(d).isEqualTo(CampaignManagerXml.decodeWithSax(raw));
        assertThat(d.fields()).containsExactly(Map.entry("a", "1"));
        assertThat(d.toString()).doesNotContain(SECRET);
    }

    @Test
    void constructsOutsideTheSubsetAreLeftToSax() {
        String[] outside = {
                "<MagicXMLDocument><!-- c --><r><c n=\"a\" d=\"1\"/></r></MagicXMLDocument>",
                "<MagicXMLDocument><r><![CDATA[x]]><c n=\"a\" d=\"1\"/></r></MagicXMLDocument>",
                "<MagicXMLDocument><?pi x?><r/></MagicXMLDocument>",
                "<MagicXMLDocument>text<r/></MagicXMLDocument>",
                "<p:MagicXMLDocument xmlns:p=\"urn:p\"><p:c n=\"a\" d=\"1\"/></p:MagicXMLDocument>",
                "<MagicXMLDocument><r><c n=\"a\" n=\"b\"/></r></MagicXMLDocument>",
                "<MagicXMLDocument><r><c n=\"a\"d=\"b\"/></r></MagicXMLDocument>",
                "<MagicXMLDocument><r><c n=\"a<b\"/></r></MagicXMLDocument>",
                "<MagicXMLDocument><r></c></MagicXMLDocument>",
                "<MagicXMLDocument><r><c n=\"a\" d=\"1\"/></r>",
                "<MagicXMLDocument xmlns=\"http://www.w3.org/2000/xmlns/\"/>",
                "<MagicXMLDocument xml:lang=\"en\"/>",
                "<?xml version=\"1.1\"?><MagicXMLDocument/>",
                " <?xml version=\"1.0\"?><MagicXMLDocument/>",
                "\uFEFF<MagicXMLDocument/>",
                "<MagicXMLDocument/><MagicXMLDocument/>",
                "<MagicXMLDocument><r><c n=\"a\" d=\"\u0001\"/></r></MagicXMLDocument>",
                "<MagicXMLDocument><r><c n=\"a\" d=\"\uD800\"/></r></MagicXMLDocument>",
                "<MagicXMLDocument><Straße/></MagicXMLDocument>",
                "",
        };
        for (String raw : outside) {
            assertThat(CampaignManagerXml.FastPath.decode(raw)).as(raw).isNull();
            LineOfBusinessData d = CampaignManagerXml.decode(raw);
            LineOfBusinessData sax = CampaignManagerXml.decodeWithSax(raw);
            assertThat(d).as(raw).isEqualTo(sax);
            assertThat(d.fields().keySet()).as(raw).containsExactlyElementsOf(sax.fields().keySet());
        }
    }
}
