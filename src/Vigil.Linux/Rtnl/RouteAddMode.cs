namespace Vigil.Linux.Rtnl;

/// <summary>How RTM_NEWROUTE treats an existing route with the same key (ip-route(8) add/prepend/append/replace).</summary>
public enum RouteAddMode
{
    /// <summary>NLM_F_CREATE|NLM_F_EXCL: fail with EEXIST when it exists ("ip route add").</summary>
    Add,

    /// <summary>NLM_F_CREATE: insert before an existing route of the same key ("prepend"; keepalived's default, reference §3.10).</summary>
    Prepend,

    /// <summary>NLM_F_CREATE|NLM_F_APPEND ("append").</summary>
    Append,

    /// <summary>NLM_F_CREATE|NLM_F_REPLACE ("replace").</summary>
    Replace,
}
