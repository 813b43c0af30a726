package io.solcial.cli;

import io.solcial.cli.control.ControlModels.Profile;
import io.solcial.cli.control.UserActions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code solcial profile --data DIR [ADDRESS]} shows a profile (your own by default);
 * {@code --set-name}, {@code --set-bio} and {@code --avatar} update yours instead.
 */
@Command(name = "profile", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show a profile (yours unless ADDRESS is given) with its newest posts, or update yours with",
                "--set-name / --set-bio / --avatar (prints 'updated: <entry CID>')."})
final class ProfileCommand extends UserCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ADDRESS", description = "Whose profile (default: your own).")
    String author;

    @Option(names = "--set-name", paramLabel = "NAME", description = "Set your display name.")
    String name;

    @Option(names = "--set-bio", paramLabel = "BIO", description = "Set your bio.")
    String bio;

    @Option(names = "--avatar", paramLabel = "FILE", description = "Set your avatar (PNG, JPEG, GIF, WebP or AVIF).")
    Path avatar;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "Posts shown (1-100, default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the profile as JSON (the control API's shape).")
    boolean json;

    @Override
    int run(UserActions actions, PrintWriter out) throws Exception {
        boolean update = name != null || bio != null || avatar != null;
        if (update) {
            if (author != null) {
                throw new CliFailure("--set-name, --set-bio and --avatar change your own profile; leave out ADDRESS");
            }
            out.println("updated: " + actions.updateProfile(Optional.ofNullable(name), Optional.ofNullable(bio),
                    Optional.ofNullable(avatar).map(UserCommand::absolute)).entry());
            return 0;
        }
        Profile p = actions.profile(Optional.ofNullable(author), limit);
        if (json) {
            PostPrinter.json(p, out);
            return 0;
        }
        out.println("name: " + (p.author().name() == null ? "(not set)" : PostPrinter.safe(p.author().name())));
        out.println("address: " + p.author().address());
        if (p.bio() != null) {
            String prefix = "bio: ";
            for (String line : p.bio().split("\n", -1)) {
                out.println(prefix + PostPrinter.safe(line));
                prefix = "     ";
            }
        }
        if (p.author().avatar() != null) {
            out.println("avatar: " + p.author().avatar());
        }
        out.println("posts: " + p.postCount() + "  following: " + p.following() + "  followers: " + p.followers()
                + "  entries: " + p.entries());
        out.println();
        PostPrinter.print(p.posts(), out);
        return 0;
    }
}
