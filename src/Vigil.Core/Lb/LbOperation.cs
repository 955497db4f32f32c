namespace Vigil.Lb;

/// <summary>
/// One step that moves a load-balancer table towards the desired one. Each maps to one IPVS generic
/// netlink command (NEW/SET/DEL_SERVICE, NEW/SET/DEL_DEST); <see cref="LbDiff"/> produces them in an
/// order the kernel accepts.
/// </summary>
public abstract record LbOperation
{
    private LbOperation()
    {
    }

    /// <summary>IPVS_CMD_NEW_SERVICE with the service settings (destinations follow as <see cref="AddDestination"/>).</summary>
    public sealed record AddService(VirtualService Service) : LbOperation
    {
        public override string ToString() => $"add service {Service.Key} {Service.Scheduler}";
    }

    /// <summary>IPVS_CMD_SET_SERVICE: scheduler, flags, persistence changed.</summary>
    public sealed record EditService(VirtualService Service) : LbOperation
    {
        public override string ToString() => $"edit service {Service.Key} {Service.Scheduler}";
    }

    /// <summary>IPVS_CMD_DEL_SERVICE (the kernel drops its destinations with it).</summary>
    public sealed record DeleteService(VirtualServiceKey Key) : LbOperation
    {
        public override string ToString() => $"delete service {Key}";
    }

    /// <summary>IPVS_CMD_NEW_DEST.</summary>
    public sealed record AddDestination(VirtualServiceKey Service, RealServer Destination) : LbOperation
    {
        public override string ToString() => $"add destination {Destination} to {Service}";
    }

    /// <summary>IPVS_CMD_SET_DEST: weight, method, thresholds or tunnel changed.</summary>
    public sealed record EditDestination(VirtualServiceKey Service, RealServer Destination) : LbOperation
    {
        public override string ToString() => $"edit destination {Destination} of {Service}";
    }

    /// <summary>IPVS_CMD_DEL_DEST.</summary>
    public sealed record DeleteDestination(VirtualServiceKey Service, DestinationKey Destination) : LbOperation
    {
        public override string ToString() => $"delete destination {Destination} from {Service}";
    }
}
