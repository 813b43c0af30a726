package io.solcial.cli;

import io.solcial.cli.control.UserActions;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code solcial follow --data DIR ADDRESS [--undo]}. */
@Command(name = "follow", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Follow a wallet address as the identity in --data DIR: their posts join your feed and",
                "their log is kept here. Prints 'followed: <entry CID>'."})
final class FollowCommand extends UserCommand {
    @Parameters(index = "0", paramLabel = "ADDRESS", description = "The author's wallet address.")
    String author;

    @Option(names = "--undo", description = "Unfollow (prints 'unfollowed: …').")
    boolean undo;

    @Override
    int run(UserActions actions, PrintWriter out) throws Exception {
        out.println(undo ? "unfollowed: " + actions.unfollow(author).entry() : "followed: " + actions.follow(author).entry());
        return 0;
    }
}
