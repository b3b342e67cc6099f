package pkilab.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import pkilab.BadInputException;

/**
 * {@code pkilab completion bash|zsh}: the shell completion script for every command and
 * option, from picocli's generator. The script is a bash completion function; zsh runs it
 * through its bash compatibility ({@code bashcompinit}), which the script switches on itself.
 */
@Command(name = "completion",
        description = {"Print the shell completion script for pkilab's commands and options (bash or zsh)."},
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  source <(pkilab completion bash)              this shell only",
            "  pkilab completion bash > ~/.local/share/bash-completion/completions/pkilab",
            "  echo 'source <(pkilab completion zsh)' >> ~/.zshrc",
            ExitCodes.HELP_SECTION})
public final class CompletionCommand extends LabCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new BadInputException("shell '" + shell + "' is not one of bash, zsh");
        }
        // the whole command tree: this process built only the branch its arguments named
        out().print(AutoComplete.bash("pkilab", PkilabCommand.commandLine()));
        out().flush();
        return ExitCodes.OK;
    }
}
