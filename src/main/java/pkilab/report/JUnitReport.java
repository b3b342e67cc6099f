package pkilab.report;

import java.io.PrintWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import pkilab.verdict.Finding;

/**
 * The report as JUnit XML, one test case per scenario × client, so a CI server shows the lab
 * like a test suite: a result not as expected is a failure, with the findings as its text.
 */
public final class JUnitReport {
    private JUnitReport() {
    }

    public static void write(RunReport report, PrintWriter out) {
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", "pkilab");
            w.writeAttribute("tests", String.valueOf(report.summary().total()));
            w.writeAttribute("failures", String.valueOf(report.summary().total() - report.summary().asExpected()));
            w.writeAttribute("timestamp", report.startedAt());
            for (RunReport.Result r : report.scenarios()) {
                w.writeCharacters("\n  ");
                w.writeStartElement("testcase");
                w.writeAttribute("classname", "pkilab." + r.id());
                w.writeAttribute("name", r.client());
                if (!r.asExpected()) {
                    w.writeStartElement("failure");
                    w.writeAttribute("message", "expected " + r.expected() + ", was " + r.actual());
                    w.writeCharacters(details(r));
                    w.writeEndElement();
                }
                if (r.clients() != null) {
                    for (RunReport.ClientRun c : r.clients()) {
                        if (!c.agree() && !"skipped".equals(c.actual())) {
                            w.writeStartElement("failure");
                            w.writeAttribute("message", c.name() + ": predicted " + c.predicted() + ", was " + c.actual());
                            w.writeCharacters(c.message() == null ? "" : c.message());
                            w.writeEndElement();
                        }
                    }
                }
                w.writeStartElement("system-out");
                w.writeCharacters(details(r));
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            out.println();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit report: " + e.getMessage(), e);
        }
    }

    private static String details(RunReport.Result r) {
        StringBuilder sb = new StringBuilder(r.url() == null ? "" : r.url() + "\n");
        for (RunReport.Finding f : r.findings()) {
            sb.append(f.severity()).append(' ').append(f.diagnosis()).append(": ").append(f.message()).append('\n');
        }
        return sb.toString();
    }
}
