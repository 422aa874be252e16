using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Grains.Events;
using Actors.Grains.Messages;

namespace Actors.Grains;

public abstract partial class ActorGrain<TState>
{
    /// <summary>
    /// Erases the actor's personal data: one event makes the personal fields null, and the checkpoint it makes (ERASE, with
    /// the reason and an audit entry) destroys the actor's data keys in its transaction (<see cref="MutationSet.ErasesPersonalData"/>),
    /// so no value of those fields written before can be read again, in any tier. The rest of the history stays. An actor
    /// that was deleted can be erased too.
    /// </summary>
    private JsonNode? Erase(EraseBody body, BatchTurn<TState> turn)
    {
        EnsureExists();
        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            throw ActorException.Invalid("Field 'reason' is required: say why the personal data is erased.");
        }

        if (turn.HasCommands)
        {
            throw ActorException.Invalid("erase must be the only change of its batch: send the other commands in a batch of their own.");
        }

        var fields = Descriptor.PersonalFields.Order(StringComparer.Ordinal).ToList();
        Raise(new PersonalDataErased(fields));
        turn.AddErase(body.Reason, fields);
        return JsonSerializer.SerializeToNode(new EraseResult(true, turn.CheckpointId, Version + 1, fields), MessagesJsonContext.Default.EraseResult);
    }

    /// <inheritdoc />
    public async Task<EraseResult> EraseAsync(string reason, CancellationToken cancellationToken = default)
    {
        var message = Actors.Abstractions.Messages.ActorMessage.Of("erase", new EraseBody(reason), MessagesJsonContext.Default.EraseBody);
        var result = await ExecuteAsync(new Actors.Abstractions.Messages.BatchRequest([message], Principal), cancellationToken);
        return result.Results[0].Result.Deserialize(MessagesJsonContext.Default.EraseResult)!;
    }
}
