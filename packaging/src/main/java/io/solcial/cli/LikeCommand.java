package io.solcial.cli;

import io.solcial.cli.control.UserActions;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code solcial like --data DIR CID [--undo]}. */
@Command(name = "like", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Like a post (by its entry CID) as the identity in --data DIR; prints 'liked: <entry CID>'.")
final class LikeCommand extends UserCommand {
    @Parameters(index = "0", paramLabel = "CID", description = "The entry to like.")
    String target;

    @Option(names = "--undo", description = "Take a like back (prints 'unliked: …').")
    boolean undo;

    @Override
    int run(UserActions actions, PrintWriter out) throws Exception {
        out.println(undo ? "unliked: " + actions.unlike(target).entry() : "liked: " + actions.like(target).entry());
        return 0;
    }
}
