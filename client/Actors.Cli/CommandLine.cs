using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json.Nodes;
using Actors.Cli.Commands;
using Actors.Client;

namespace Actors.Cli;

/// <summary>
/// The <c>actors</c> tool: history of one actor for operators, as tables for people or JSON for scripts. The command line
/// is System.CommandLine's: <c>--help</c> on every command, tab completion through <c>dotnet-suggest</c> (the
/// <c>[suggest]</c> directive), the same global options (<c>--url</c>, <c>--token</c>, <c>--json</c>) before or after the command.
/// </summary>
public static class CommandLine
{
    /// <summary>The silo the tool talks to unless <c>--url</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The environment variable holding the bearer token when <c>--token</c> is not given.</summary>
    public const string TokenVariable = "ACTORS_TOKEN";

    private const string Description = $"""
        The history of one actor, for operators: its checkpoints, its state now or then, what changed, a rewind previewed
        or done, its mutation sets replayed or followed. Tables for people; --json for scripts. Errors go to stderr; the
        exit code is 1 when the server refused or failed, 2 when the command line is wrong.
        The token comes from --token or ${TokenVariable}.
        """;

    /// <summary>Runs the tool; returns its exit code (0 done, 1 refused or failed, 2 usage).</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter output,
        TextWriter error,
        Func<string, string?> environment,
        CancellationToken cancellationToken)
    {
        var root = Build(environment);
        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync($"actors: {problem.Message}");
            }

            await error.WriteLineAsync($"Run 'actors {CommandPath(parsed)}--help' for usage.");
            return 2;
        }

        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,

            // Ctrl+C cancels cancellationToken (Program.cs); the command decides how to end.
            ProcessTerminationTimeout = null,
        };
        return await parsed.InvokeAsync(invocation, cancellationToken);
    }

    /// <summary>The <c>actors</c> command tree; <paramref name="environment"/> supplies <c>$ACTORS_TOKEN</c>.</summary>
    public static RootCommand Build(Func<string, string?> environment)
    {
        var common = new CommonOptions();
        var root = new RootCommand(Description) { common.Url, common.Token, common.Json };
        foreach (var verb in new Verb[]
        {
            CheckpointsCommand.Create(),
            StateCommand.Create(),
            DiffCommand.Create(),
            PreviewCommand.Create(),
            RewindCommand.Create(),
            HistoryCommand.Create(),
            ReplayCommand.Create(),
        })
        {
            verb.Command.SetAction((parsed, cancellationToken) => RunVerbAsync(verb, common, parsed, environment, cancellationToken));
            root.Add(verb.Command);
        }

        return root;
    }

    private static string CommandPath(ParseResult parsed) =>
        parsed.CommandResult.Command is RootCommand ? string.Empty : parsed.CommandResult.Command.Name + " ";

    private static async Task<int> RunVerbAsync(Verb verb, CommonOptions common, ParseResult parsed, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var output = parsed.InvocationConfiguration.Output;
        var error = parsed.InvocationConfiguration.Error;
        var json = parsed.GetValue(common.Json);
        var url = parsed.GetRequiredValue(common.Url);
        try
        {
            var token = parsed.GetValue(common.Token) is { Length: > 0 } given ? given
                : environment(TokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
                : throw new UsageException($"No token: pass --token or set {TokenVariable}.");
            await using var client = ActorsClient.Http(new Uri(url), token);
            var actor = client.GetActor(parsed.GetRequiredValue(verb.Type), parsed.GetRequiredValue(verb.Id));
            return await verb.RunAsync(new Session(actor, parsed, output, error, json), cancellationToken);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"actors: {e.Message}\nRun 'actors {verb.Command.Name} --help' for usage.");
            return 2;
        }
        catch (ActorRequestException e)
        {
            await WriteProblemAsync(error, e.Problem, json);
            return 1;
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"actors: cannot reach {url}: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            await error.WriteLineAsync($"actors: the connection to {url} broke and could not be resumed: {e.Message}");
            return 1;
        }
    }

    /// <summary>The problem detail: as JSON for scripts, as a few lines for people.</summary>
    private static async Task WriteProblemAsync(TextWriter error, JsonObject problem, bool json)
    {
        if (json)
        {
            await error.WriteLineAsync(problem.ToJsonString());
            return;
        }

        await error.WriteLineAsync($"actors: {(int?)problem["status"]} {(string?)problem["title"]}: {(string?)problem["detail"]}");
        foreach (var (name, value) in problem)
        {
            if (name is not ("status" or "title" or "detail" or "type" or "traceId"))
            {
                await error.WriteLineAsync($"  {name}: {Format.Value(value)}");
            }
        }
    }

    /// <summary>The options every command takes, before or after its name.</summary>
    private sealed class CommonOptions
    {
        public Option<string> Url { get; } = new("--url")
        {
            Description = "The silo's base URL.",
            HelpName = "URL",
            Recursive = true,
            DefaultValueFactory = _ => DefaultUrl,
            Validators =
            {
                result =>
                {
                    if (result.GetValueOrDefault<string>() is { } text
                        && !(Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
                    {
                        result.AddError($"--url must be an http(s) URL such as {DefaultUrl}, not '{text}'.");
                    }
                },
            },
        };

        public Option<string> Token { get; } = new("--token")
        {
            Description = $"The bearer token (default: ${TokenVariable}).",
            HelpName = "TOKEN",
            Recursive = true,
        };

        public Option<bool> Json { get; } = new("--json")
        {
            Description = "Print JSON for scripts instead of tables (replay: one JSON object per line).",
            Recursive = true,
        };
    }
}
