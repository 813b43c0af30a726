package io.solcial.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a keystore passphrase comes from, first match wins: {@code --passphrase-file}, the
 * {@code SOLCIAL_PASSPHRASE} environment variable, the terminal (twice when setting a new one).
 * The returned array is the caller's to wipe.
 */
final class PassphraseOptions {
    private static final long MAX_PASSPHRASE_FILE_SIZE = 64 * 1024;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Read the keystore passphrase from the first line of FILE "
                    + "(else $SOLCIAL_PASSPHRASE, else the terminal).")
    Path passphraseFile;

    boolean given() {
        return passphraseFile != null;
    }

    /** The passphrase for a keystore about to be written; asked twice on a terminal. */
    char[] forNewKeystore(CliEnvironment env) throws IOException, CliFailure {
        Optional<char[]> fromSource = nonInteractive(env);
        if (fromSource.isPresent()) {
            return fromSource.get();
        }
        CliEnvironment.PasswordReader terminal = requireTerminal(env);
        char[] first = read(terminal, "New keystore passphrase: ");
        char[] second = null;
        try {
            second = read(terminal, "Repeat the passphrase: ");
            if (!Arrays.equals(first, second)) {
                throw new CliFailure("the passphrases do not match");
            }
            return first;
        } catch (CliFailure | RuntimeException e) {
            Arrays.fill(first, '\0');
            throw e;
        } finally {
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    /** The passphrase to unlock an existing keystore; asked once on a terminal. */
    char[] forUnlocking(CliEnvironment env, Path keystore) throws IOException, CliFailure {
        Optional<char[]> fromSource = nonInteractive(env);
        if (fromSource.isPresent()) {
            return fromSource.get();
        }
        return read(requireTerminal(env), "Passphrase for " + keystore + ": ");
    }

    private Optional<char[]> nonInteractive(CliEnvironment env) throws IOException, CliFailure {
        if (passphraseFile != null) {
            return Optional.of(readFile(passphraseFile));
        }
        Optional<String> variable = env.variable(CliEnvironment.PASSPHRASE_VARIABLE);
        if (variable.isPresent()) {
            if (variable.get().isEmpty()) {
                throw new CliFailure(CliEnvironment.PASSPHRASE_VARIABLE + " is set but empty");
            }
            return Optional.of(variable.get().toCharArray());
        }
        return Optional.empty();
    }

    private static CliEnvironment.PasswordReader requireTerminal(CliEnvironment env) throws CliFailure {
        return env.terminal().orElseThrow(() -> new CliFailure("a keystore passphrase is needed but there is no "
                + "terminal to ask it on: use --passphrase-file FILE or set " + CliEnvironment.PASSPHRASE_VARIABLE));
    }

    private static char[] read(CliEnvironment.PasswordReader terminal, String prompt) throws CliFailure {
        char[] pass = terminal.readPassword(prompt);
        if (pass == null) {
            throw new CliFailure("no passphrase entered (end of input)");
        }
        if (pass.length == 0) {
            throw new CliFailure("the passphrase must not be empty");
        }
        return pass;
    }

    /** The file's first line (without its line ending), decoded as strict UTF-8. */
    private static char[] readFile(Path file) throws IOException, CliFailure {
        if (Files.size(file) > MAX_PASSPHRASE_FILE_SIZE) {
            throw new CliFailure(file + ": too large for a passphrase file");
        }
        byte[] bytes = Files.readAllBytes(file);
        CharBuffer chars = null;
        try {
            chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int end = 0;
            while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
                end++;
            }
            if (end == 0) {
                throw new CliFailure(file + ": the passphrase file's first line is empty");
            }
            char[] pass = new char[end];
            chars.get(0, pass);
            return pass;
        } catch (CharacterCodingException e) {
            throw new CliFailure(file + ": the passphrase file is not valid UTF-8");
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }
}
