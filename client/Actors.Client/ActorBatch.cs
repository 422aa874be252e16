using Actors.Grains;
using Actors.Abstractions;

namespace Actors.Client;

/// <summary>
/// A batch being built for one actor; <see cref="SendAsync"/> sends it as one atomic turn (one checkpoint, or none).
/// The typed command methods for each actor type are extension methods: <see cref="OrderBatch"/>,
/// <see cref="PaymentBatch"/>, <see cref="TicketBatch"/>, <see cref="AssetBatch"/>, <see cref="SkuBatch"/>.
/// </summary>
/// <typeparam name="TActor">The actor's interface; it decides which typed command methods apply.</typeparam>
public sealed class ActorBatch<TActor>
    where TActor : IActorGrain
{
    private readonly ActorScope<TActor> _scope;
    private readonly List<ActorCommand> _commands = [];

    internal ActorBatch(ActorScope<TActor> scope)
    {
        _scope = scope;
    }

    /// <summary>The commands added so far, in order.</summary>
    public IReadOnlyList<ActorCommand> Commands => _commands;

    /// <summary>Adds any command, e.g. one built with <see cref="ActorCommand.FromJson"/>.</summary>
    public ActorBatch<TActor> Add(ActorCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _commands.Add(command);
        return this;
    }

    /// <summary>Adds <c>addTag {key}</c>.</summary>
    public ActorBatch<TActor> AddTag(string key) => Add(ActorCommand.AddTag(key));

    /// <summary>Adds <c>removeTag {key}</c>.</summary>
    public ActorBatch<TActor> RemoveTag(string key) => Add(ActorCommand.RemoveTag(key));

    /// <summary>Adds <c>delete {}</c> (soft).</summary>
    public ActorBatch<TActor> Delete() => Add(ActorCommand.Delete());

    /// <summary>Adds <c>undelete {}</c>.</summary>
    public ActorBatch<TActor> Undelete() => Add(ActorCommand.Undelete());

    /// <summary>Adds a <c>query</c>; it sees the batch's earlier commands. Its answer is in <see cref="BatchResponse.Results"/>.</summary>
    public ActorBatch<TActor> Query(ActorQuery? query = null) => Add(ActorCommand.Query(query));

    /// <summary>Adds a <c>rewind</c> to <paramref name="target"/>.</summary>
    public ActorBatch<TActor> Rewind(HistoryPoint target, string? reason = null, IEnumerable<string>? fields = null) =>
        Add(ActorCommand.Rewind(target, reason, fields));

    /// <summary>Sends the batch.</summary>
    /// <exception cref="InvalidOperationException">The batch is empty.</exception>
    /// <exception cref="ActorRequestException">The batch was refused; nothing of it was applied.</exception>
    public Task<BatchResponse> SendAsync(SendOptions? options = null, CancellationToken cancellationToken = default) =>
        _commands.Count == 0
            ? throw new InvalidOperationException("The batch is empty; add at least one command.")
            : _scope.SendBatchAsync([.. _commands], options ?? new SendOptions(), cancellationToken);
}
