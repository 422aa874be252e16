using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Cli.Commands;
using Actors.Client;

namespace Actors.Cli;

/// <summary>The <c>actors</c> tool: history of one actor for operators, as tables for people or JSON for scripts.</summary>
public static class CommandLine
{
    /// <summary>The silo the tool talks to unless <c>--url</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The environment variable holding the bearer token when <c>--token</c> is not given.</summary>
    public const string TokenVariable = "ACTORS_TOKEN";

    /// <summary>What <c>actors --help</c> prints.</summary>
    public const string Usage = """
        usage: actors [--url URL] [--token TOKEN] [--json] <command> <type> <id> [options]

          checkpoints <type> <id> [--after ID] [--page-size N]   every checkpoint, earliest first
          state <type> <id> [--as-of T | --version N | --checkpoint ID]
                                                          the state now, or as it was then
          diff <type> <id> --from X --to Y                what changed between two points (id, version or time)
          preview <type> <id> (--version N | --checkpoint ID | --at T) [--fields a,b]
                                                          the state a rewind would give; nothing is changed
          rewind <type> <id> (--version N | --checkpoint ID | --at T) --reason TEXT [--fields a,b] [--expected-version N]
                                                          rewinds for real: a new checkpoint restoring that state
          history <type> <id> [--offset N] [--limit N] [--page-size N]
                                                          every checkpoint with the old and new values it changed
          replay <type> <id> [--from-version N] [--follow]
                                                          the mutation sets with their commands, one per line;
                                                          --follow keeps streaming new ones until Ctrl+C

        --url defaults to http://127.0.0.1:5080; --token defaults to $ACTORS_TOKEN.
        --json prints JSON for scripts (replay: one JSON object per line). Errors go to stderr; the exit code is
        1 when the server refused or failed, 2 when the command line is wrong.
        """;

    /// <summary>Runs the tool; returns its exit code (0 done, 1 refused or failed, 2 usage).</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter output,
        TextWriter error,
        Func<string, string?> environment,
        CancellationToken cancellationToken)
    {
        Arguments arguments;
        try
        {
            arguments = Arguments.Parse(args);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"actors: {e.Message}\n\n{Usage}");
            return 2;
        }

        if (arguments.Flag("help") || arguments.Positional.Count == 0)
        {
            await (arguments.Flag("help") ? output : error).WriteLineAsync(Usage);
            return arguments.Flag("help") ? 0 : 2;
        }

        var json = arguments.Flag("json");
        try
        {
            var (command, type, id) = Address(arguments);
            await using var client = ActorsClient.Http(BaseUrl(arguments), Token(arguments, environment));
            var session = new Session(client.GetActor(type, id), arguments, output, error, json);
            return command switch
            {
                "checkpoints" => await CheckpointsCommand.RunAsync(session, cancellationToken),
                "state" => await StateCommand.RunAsync(session, cancellationToken),
                "diff" => await DiffCommand.RunAsync(session, cancellationToken),
                "preview" => await PreviewCommand.RunAsync(session, cancellationToken),
                "rewind" => await RewindCommand.RunAsync(session, cancellationToken),
                "replay" => await ReplayCommand.RunAsync(session, cancellationToken),
                "history" => await HistoryCommand.RunAsync(session, cancellationToken),
                _ => throw new UsageException($"Unknown command '{command}'."),
            };
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"actors: {e.Message}\n\n{Usage}");
            return 2;
        }
        catch (ActorRequestException e)
        {
            await WriteProblemAsync(error, e.Problem, json);
            return 1;
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"actors: cannot reach {BaseUrlText(arguments)}: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            await error.WriteLineAsync($"actors: the connection to {BaseUrlText(arguments)} broke and could not be resumed: {e.Message}");
            return 1;
        }
    }

    private static (string Command, string Type, string Id) Address(Arguments arguments)
    {
        var words = arguments.Positional;
        if (words.Count != 3)
        {
            throw new UsageException(words.Count < 3 ? "Give a command, an actor type and an id, e.g. 'actors checkpoints order ord-1'." : $"Unexpected '{words[3]}'.");
        }

        if (!ActorKey.IsValidId(words[2]))
        {
            throw new UsageException($"'{words[2]}' is not an actor id: 1-{ActorKey.MaxIdLength} characters of A-Z a-z 0-9 - _ . :");
        }

        return (words[0], words[1], words[2]);
    }

    private static Uri BaseUrl(Arguments arguments) =>
        Uri.TryCreate(BaseUrlText(arguments), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new UsageException($"--url must be an http(s) URL such as {DefaultUrl}.");

    private static string BaseUrlText(Arguments arguments) => arguments.Option("url") ?? DefaultUrl;

    private static string Token(Arguments arguments, Func<string, string?> environment) =>
        arguments.Option("token") is { Length: > 0 } token ? token
        : environment(TokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : throw new UsageException($"No token: pass --token or set {TokenVariable}.");

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
}
