using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Actors.Gateway.Http;

/// <summary>
/// A graceful stop without cut-off requests. When the host stops, the HTTP server stops accepting connections and closes
/// the idle ones; a client that sends on an idle connection just then gets no answer, though nothing was wrong with its
/// request. So before the server stops, the silo goes on answering for <see cref="GatewayOptions.ShutdownDrain"/>, with
/// <c>Connection: close</c> on every answer: each client closes its connection after its answer and connects again, to
/// this silo (refused once it stops: nothing was sent) or another.
/// </summary>
public sealed class ShutdownDrain(IHostApplicationLifetime lifetime, IOptions<GatewayOptions> options) : IHostedLifecycleService, IMiddleware
{
    /// <summary>True from the moment the host starts stopping.</summary>
    public bool Draining => lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>Runs before any hosted service stops, the HTTP server included; the host's shutdown timeout still applies.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ShutdownDrain > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(options.Value.ShutdownDrain, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The shutdown timeout ran out: stop now.
            }
        }
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (Draining)
        {
            context.Response.Headers[HeaderNames.Connection] = "close";
        }

        return next(context);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
