using System.Runtime.CompilerServices;
using Actors.Abstractions.Errors;
using Actors.Gateway.Http;

namespace Actors.Gateway.Tests;

/// <summary>What counts as "retry later" (503) while a silo dies or stops, and which grain calls the gateway sends again.</summary>
public sealed class UnavailableTests
{
    /// <summary>A rejection as Orleans raises it (its constructors are Orleans' own).</summary>
    private static OrleansMessageRejectionException Rejection() =>
        (OrleansMessageRejectionException)RuntimeHelpers.GetUninitializedObject(typeof(OrleansMessageRejectionException));

    public static TheoryData<string, Exception> Retryable => new()
    {
        { "a dead silo", new SiloUnavailableException() },
        { "a rejection", Rejection() },
        { "no answer in time", new TimeoutException() },
        { "inside an Orleans exception", new OrleansException("failed", new SiloUnavailableException()) },
        { "inside an AggregateException", new AggregateException(new SiloUnavailableException(), new TimeoutException()) },
    };

    public static TheoryData<string, Exception> Faults => new()
    {
        { "a fault", new InvalidOperationException("broken") },
        { "a fault caused by a timeout", new InvalidOperationException("broken", new TimeoutException()) },
        { "an AggregateException with one fault", new AggregateException(new SiloUnavailableException(), new InvalidOperationException()) },
        { "an Orleans exception of its own", new OrleansException("failed") },
    };

    [Theory]
    [MemberData(nameof(Retryable))]
    public void Unavailability_is_retryable_also_when_wrapped(string what, Exception exception)
    {
        Assert.True(ProblemCatalog.IsUnavailable(exception), what);
        Assert.False(string.IsNullOrEmpty(ProblemCatalog.UnavailableDetail(exception)));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_fault_stays_a_fault(string what, Exception exception) => Assert.False(ProblemCatalog.IsUnavailable(exception), what);

    [Fact]
    public async Task A_rejected_grain_call_is_sent_again_until_it_is_answered()
    {
        var calls = 0;

        var answer = await GrainCalls.RunAsync(() => ++calls < 3 ? throw Rejection() : Task.FromResult("answered"), repeatable: false, CancellationToken.None);

        Assert.Equal("answered", answer);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task A_call_to_a_silo_that_went_away_is_not_sent_again_when_it_may_have_changed_something()
    {
        var calls = 0;

        await Assert.ThrowsAsync<SiloUnavailableException>(() => GrainCalls.RunAsync<int>(() => { calls++; throw new SiloUnavailableException(); }, repeatable: false, CancellationToken.None));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_repeatable_call_to_a_silo_that_went_away_is_sent_again()
    {
        var calls = 0;

        var answer = await GrainCalls.RunAsync(() => ++calls < 2 ? throw new SiloUnavailableException() : Task.FromResult(7), repeatable: true, CancellationToken.None);

        Assert.Equal(7, answer);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_call_rejected_every_time_becomes_the_callers_rejection()
    {
        var calls = 0;

        await Assert.ThrowsAsync<OrleansMessageRejectionException>(() => GrainCalls.RunAsync<int>(() => { calls++; throw Rejection(); }, repeatable: true, CancellationToken.None));

        Assert.Equal(GrainCalls.MaxAttempts, calls);
    }
}
