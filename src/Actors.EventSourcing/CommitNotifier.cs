using System.Collections.Concurrent;
using Actors.Abstractions;

namespace Actors.EventSourcing;

/// <summary>
/// Tells followers of an actor (a <c>replay?follow=true</c> stream) that it committed a mutation set in this silo.
/// Followers also poll the journal, because another silo's commits are not signalled here.
/// </summary>
public sealed class CommitNotifier
{
    private readonly ConcurrentDictionary<ActorKey, TaskCompletionSource> _waiters = new();

    /// <summary>Completes when <paramref name="actor"/> next commits. Take it before reading the journal, so no commit falls between.</summary>
    public Task NextCommitAsync(ActorKey actor) =>
        _waiters.GetOrAdd(actor, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Wakes every follower of <paramref name="actor"/>.</summary>
    public void Committed(ActorKey actor)
    {
        if (_waiters.TryRemove(actor, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
