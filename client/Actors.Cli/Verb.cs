using System.CommandLine;
using Actors.Abstractions;
using Actors.Grains;

namespace Actors.Cli;

/// <summary>One command of the tool: its System.CommandLine command, which names an actor (<c>type</c>, <c>id</c>), and what it does.</summary>
public sealed class Verb
{
    /// <summary>A command <paramref name="name"/>; <see cref="Runs"/> says what it does.</summary>
    public Verb(string name, string description)
    {
        Command = new Command(name, description) { Type, Id };
    }

    /// <summary>The command, to which the verb's own options are added.</summary>
    public Command Command { get; }

    /// <summary>The actor type, e.g. <c>order</c>; completes to the known types.</summary>
    public Argument<string> Type { get; } = TypeArgument();

    /// <summary>The actor id, e.g. <c>ord-1</c>.</summary>
    public Argument<string> Id { get; } = IdArgument();

    /// <summary>Runs the command for the actor the command line names.</summary>
    public Func<Session, CancellationToken, Task<int>> RunAsync { get; private set; } = (_, _) => Task.FromResult(0);

    /// <summary>Sets what the command does, once its options are added; answers this verb.</summary>
    public Verb Runs(Func<Session, CancellationToken, Task<int>> run)
    {
        RunAsync = run;
        return this;
    }

    /// <summary>Adds <paramref name="option"/> to the command and answers it.</summary>
    public Option<T> Add<T>(Option<T> option)
    {
        Command.Add(option);
        return option;
    }

    /// <summary>A whole-number option from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public Option<long?> Number(string name, string description, long min = 0, long max = long.MaxValue)
    {
        var option = new Option<long?>(name) { Description = description, HelpName = "N" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is { } n && (n < min || n > max))
            {
                result.AddError($"{name} must be a whole number from {min} to {max}, not {n}.");
            }
        });
        return Add(option);
    }

    /// <summary>A text option.</summary>
    public Option<string?> Text(string name, string helpName, string description, bool required = false) =>
        Add(new Option<string?>(name) { Description = description, HelpName = helpName, Required = required });

    private static Argument<string> TypeArgument()
    {
        var type = new Argument<string>("type") { Description = "The actor type, e.g. order." };
        type.CompletionSources.Add(_ => ActorTypes.All.All.Select(t => new System.CommandLine.Completions.CompletionItem(t.Name)));
        return type;
    }

    private static Argument<string> IdArgument()
    {
        var id = new Argument<string>("id") { Description = "The actor id, e.g. ord-1." };
        id.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } text && !ActorKey.IsValidId(text))
            {
                result.AddError($"'{text}' is not an actor id: 1-{ActorKey.MaxIdLength} characters of A-Z a-z 0-9 - _ . :");
            }
        });
        return id;
    }
}
