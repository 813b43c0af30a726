package io.solcial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCommandTest {
    private static final String LAST_LINE = "reliability=(\\d\\.\\d{4}) rmr=(-?\\d+\\.\\d{4}) ldh=(\\d+\\.\\d{2}) heal_rounds=(-?\\d+)";

    @Test
    void stableRunPrintsATableAndTheScriptLineLast() {
        CliHarness.Result r = new CliHarness().run("sim", "--nodes", "100", "--messages", "20", "--seed", "3");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.outLines();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches(LAST_LINE), last);
        assertTrue(last.startsWith("reliability=1.0000 "), last);
        assertTrue(last.endsWith(" heal_rounds=0"), last);
        assertTrue(r.out().contains("flood LDH"), r.out());
        assertTrue(r.out().contains("active-view in-degree: stable min "), r.out());
    }

    @Test
    void failureRunReportsHealingPerMessageAndDrawsAPlot(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("reliability.png");
        CliHarness.Result r = new CliHarness().run("sim", "--nodes", "200", "--fail", "0.5", "--messages", "60",
                "--churn", "0.01", "--seed", "4", "--plot", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("failure: 100 of 200 nodes killed"), r.out());
        assertTrue(r.out().contains("reliability per message after the failure"), r.out());
        List<String> lines = r.outLines();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches(LAST_LINE), last);
        assertTrue(last.matches(".* heal_rounds=[12]"), last);
        BufferedImage image = ImageIO.read(Files.newInputStream(png));
        assertEquals(1000, image.getWidth());
        assertEquals(560, image.getHeight());
    }

    @Test
    void sameSeedSameOutputLine() {
        String a = lastLine(new CliHarness().run("sim", "--nodes", "80", "--messages", "10", "--fail", "0.3", "--seed", "9"));
        String b = lastLine(new CliHarness().run("sim", "--nodes", "80", "--messages", "10", "--fail", "0.3", "--seed", "9"));
        assertEquals(a, b);
    }

    @Test
    void badArgumentsAreAUsageError() {
        CliHarness.Result r = new CliHarness().run("sim", "--nodes", "100", "--fail", "1.5");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--fail"), r.err());
    }

    @Test
    void joinsAreSpreadAsAskedAndGapsOutOfRangeAreAUsageError() {
        CliHarness.Result r = new CliHarness().run("sim", "--nodes", "60", "--messages", "5", "--join-gap", "25");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.outLines().get(0).startsWith("overlay simulation: 60 nodes joining 25 ms apart, 5 messages"),
                r.out());
        assertTrue(lastLine(r).startsWith("reliability=1.0000 "), r.out());
        for (String[] args : List.of(new String[] {"--join-gap", "0"}, new String[] {"--join-gap", "1000000000000"},
                new String[] {"--interval", "60001"})) {
            // a gap of years used to run for hours, stepping through empty milliseconds
            CliHarness.Result bad = new CliHarness().run("sim", "--nodes", "60", args[0], args[1]);
            assertEquals(2, bad.exitCode(), String.join(" ", args));
            assertTrue(bad.err().contains("--join-gap from 1 to 60000 ms"), bad.err());
        }
    }

    private static String lastLine(CliHarness.Result r) {
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.outLines();
        return lines.get(lines.size() - 1);
    }
}
