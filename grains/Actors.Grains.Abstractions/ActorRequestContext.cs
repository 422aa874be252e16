namespace Actors.Grains;

/// <summary>
/// Who a typed grain call is made for, carried in Orleans' <see cref="RequestContext"/>: set
/// <see cref="Principal"/> before calling and checkpoints, the activity log and the audit log record it.
/// </summary>
public static class ActorRequestContext
{
    /// <summary>The <see cref="RequestContext"/> key.</summary>
    public const string PrincipalKey = "actors.principal";

    /// <summary>Who a typed call is recorded as when the caller set no principal.</summary>
    public const string DefaultPrincipal = "orleans";

    /// <summary>The principal of calls made from this async flow, or null.</summary>
    public static string? Principal
    {
        get => RequestContext.Get(PrincipalKey) as string;
        set
        {
            if (value is null)
            {
                RequestContext.Remove(PrincipalKey);
            }
            else
            {
                RequestContext.Set(PrincipalKey, value);
            }
        }
    }
}
