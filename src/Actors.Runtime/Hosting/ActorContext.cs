using Actors.Abstractions;
using Actors.Abstractions.Storage;

namespace Actors.Runtime.Hosting;

/// <summary>What an activation is given by the runtime: who it is and where its journal lives.</summary>
public sealed record ActorContext(ActorKey Key, IJournalStore Store, ActorRuntimeOptions Options, TimeProvider Time, CommitNotifier Notifier);
