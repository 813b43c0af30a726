package io.solcial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code solcial} launcher script's JVM options: run from a copy beside an up-to-date jar, with
 * {@code JAVA_HOME} pointing at a stand-in {@code java} that prints the arguments it was given.
 */
class LauncherScriptTest {
    @TempDir
    Path root;

    @BeforeEach
    void copyTheLauncherBesideAJarAndAJavaThatEchoes() throws IOException {
        Path script = projectRoot().resolve("solcial");
        Files.copy(script, root.resolve("solcial"));
        Path jar = root.resolve("packaging/target/solcial.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[0]);
        Path java = root.resolve("jdk/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("solcial")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no solcial launcher above " + Path.of("").toAbsolutePath());
    }

    /** The arguments the launcher hands to java, on a kernel whose huge-page setting is {@link #thp}. */
    private List<String> javaArguments(String javaOpts, String... args) throws Exception {
        return javaArgumentsOnKernel(javaOpts, thp, args);
    }

    /** The kernel's transparent-huge-page setting as the launcher reads it: no huge pages unless a test says so. */
    private String thp = "always madvise [never]";

    private List<String> javaArgumentsOnKernel(String javaOpts, String thpSetting, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("solcial").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        Path setting = root.resolve("thp-enabled");
        if (thpSetting == null) {
            Files.deleteIfExists(setting);
        } else {
            Files.writeString(setting, thpSetting + "\n");
        }
        pb.environment().put("SOLCIAL_THP_SETTING", setting.toString());
        if (javaOpts == null) {
            pb.environment().remove("SOLCIAL_JAVA_OPTS");
        } else {
            pb.environment().put("SOLCIAL_JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    @Test
    void theSimulatorRunsOnTheSerialCollector() throws Exception {
        List<String> args = javaArguments(null, "sim", "--nodes", "5");
        assertEquals(List.of("-XX:+UseSerialGC", "-jar", root.resolve("packaging/target/solcial.jar").toString(),
                "sim", "--nodes", "5"), args);
    }

    @Test
    void otherCommandsKeepTheJvmsDefaultCollector() throws Exception {
        List<String> args = javaArguments(null, "beacon", "sim");
        assertFalse(args.contains("-XX:+UseSerialGC"), args.toString());
        assertEquals(List.of("beacon", "sim"), args.subList(args.size() - 2, args.size()));
    }

    @Test
    void aCollectorChosenInSolcialJavaOptsWinsAndOtherOptionsAreKept() throws Exception {
        List<String> chosen = javaArguments("-XX:+UseParallelGC -Xmx1g", "sim");
        assertFalse(chosen.contains("-XX:+UseSerialGC"), chosen.toString());
        assertEquals(List.of("-XX:+UseParallelGC", "-Xmx1g", "-jar"), chosen.subList(0, 3));

        List<String> other = javaArguments("-Xmx1g", "sim");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx1g", "-jar"), other.subList(0, 3));

        // options that merely mention a collector do not choose one
        List<String> mention = javaArguments("-XX:+UseNUMA -XX:+PrintGC", "sim");
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:+UseNUMA", "-XX:+PrintGC", "-jar"), mention.subList(0, 4));
    }

    @Test
    void theSimulatorsHeapGoesOnHugePagesWhereTheKernelOffersThem() throws Exception {
        String jar = root.resolve("packaging/target/solcial.jar").toString();
        for (String offered : List.of("always [madvise] never", "[always] madvise never")) {
            assertEquals(List.of("-XX:+UseSerialGC", "-XX:+UseTransparentHugePages", "-jar", jar, "sim"),
                    javaArgumentsOnKernel(null, offered, "sim"), offered);
        }
        assertEquals(List.of("-XX:+UseSerialGC", "-jar", jar, "sim"), javaArgumentsOnKernel(null, "always madvise [never]", "sim"));
        assertEquals(List.of("-XX:+UseSerialGC", "-jar", jar, "sim"), javaArgumentsOnKernel(null, null, "sim"), "no such file");
        assertFalse(javaArgumentsOnKernel(null, "always [madvise] never", "beacon").contains("-XX:+UseTransparentHugePages"));

        // options naming huge pages win
        List<String> chosen = javaArgumentsOnKernel("-XX:-UseTransparentHugePages", "always [madvise] never", "sim");
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:-UseTransparentHugePages", "-jar"), chosen.subList(0, 3));
        List<String> large = javaArgumentsOnKernel("-XX:+UseLargePages -XX:LargePageSizeInBytes=1g", "[always] madvise never", "sim");
        assertFalse(large.contains("-XX:+UseTransparentHugePages"), large.toString());
    }
}
