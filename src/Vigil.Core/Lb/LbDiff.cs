namespace Vigil.Lb;

/// <summary>
/// The pure difference between the table the kernel has and the one wanted: the minimal list of
/// operations, never a flush and rebuild, so unchanged services and destinations keep their connections,
/// counters and persistence templates (keepalived does the same on reload: VS/RS compared by identity,
/// unchanged ones kept).
/// </summary>
public static class LbDiff
{
    /// <summary>
    /// Operations that turn <paramref name="current"/> into <paramref name="desired"/>, in this order:
    /// services that go away are deleted first (their destinations with them); then, per desired service
    /// in the desired order, either add it and its destinations, or edit its settings, delete the
    /// destinations that go away, edit the changed ones and add the new ones. Deleting before adding
    /// frees the kernel's per-destination state before new entries are made. If a key appears twice, the
    /// last entry wins (validation reports duplicates, see <see cref="LbValidation"/>).
    /// </summary>
    public static IReadOnlyList<LbOperation> Compute(LbState current, LbState desired)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(desired);
        var ops = new List<LbOperation>();
        var have = Index(current.Services);
        var wantList = Distinct(desired.Services, s => s.Key);
        var want = Index(wantList);

        foreach (var s in Distinct(current.Services, s => s.Key))
        {
            if (!want.ContainsKey(s.Key))
            {
                ops.Add(new LbOperation.DeleteService(s.Key));
            }
        }

        foreach (var target in wantList)
        {
            var key = target.Key;
            if (!have.TryGetValue(key, out var existing))
            {
                ops.Add(new LbOperation.AddService(target));
                foreach (var d in Distinct(target.Destinations, d => d.Key))
                {
                    ops.Add(new LbOperation.AddDestination(key, d));
                }

                continue;
            }

            if (!existing.SameSettingsAs(target))
            {
                ops.Add(new LbOperation.EditService(target));
            }

            var wanted = Distinct(target.Destinations, d => d.Key);
            var wantedKeys = wanted.Select(d => d.Key).ToHashSet();
            foreach (var d in existing.Destinations)
            {
                if (!wantedKeys.Contains(d.Key))
                {
                    ops.Add(new LbOperation.DeleteDestination(key, d.Key));
                }
            }

            foreach (var d in wanted)
            {
                var old = existing.Find(d.Key);
                if (old is null)
                {
                    ops.Add(new LbOperation.AddDestination(key, d));
                }
                else if (!old.SameSettingsAs(d))
                {
                    ops.Add(new LbOperation.EditDestination(key, d));
                }
            }
        }

        return ops;
    }

    /// <summary>
    /// Applies <paramref name="operations"/> to <paramref name="state"/> the way the kernel would (a model
    /// of IPVS for tests and for backends that keep their own copy, like nftables). Operations the kernel
    /// would refuse (adding what exists, editing or deleting what does not) throw
    /// <see cref="InvalidOperationException"/>, mirroring EEXIST/ESRCH/ENOENT.
    /// </summary>
    public static LbState Apply(LbState state, IEnumerable<LbOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(operations);
        var services = state.Services.ToList();
        int IndexOf(VirtualServiceKey key)
        {
            var i = services.FindIndex(s => s.Key.Equals(key));
            return i >= 0 ? i : throw new InvalidOperationException($"no service {key} (ESRCH)");
        }

        foreach (var op in operations)
        {
            switch (op)
            {
                case LbOperation.AddService a:
                    if (services.Exists(s => s.Key.Equals(a.Service.Key)))
                    {
                        throw new InvalidOperationException($"service {a.Service.Key} exists (EEXIST)");
                    }

                    services.Add(a.Service with { Destinations = [] });
                    break;
                case LbOperation.EditService e:
                    {
                        var i = IndexOf(e.Service.Key);
                        services[i] = e.Service with { Destinations = services[i].Destinations };
                        break;
                    }

                case LbOperation.DeleteService d:
                    services.RemoveAt(IndexOf(d.Key));
                    break;
                case LbOperation.AddDestination a:
                    {
                        var i = IndexOf(a.Service);
                        if (services[i].Find(a.Destination.Key) is not null)
                        {
                            throw new InvalidOperationException($"destination {a.Destination.Key} exists in {a.Service} (EEXIST)");
                        }

                        services[i] = services[i] with { Destinations = [.. services[i].Destinations, a.Destination] };
                        break;
                    }

                case LbOperation.EditDestination e:
                    {
                        var i = IndexOf(e.Service);
                        var dests = services[i].Destinations.ToList();
                        var j = dests.FindIndex(x => x.Key == e.Destination.Key);
                        if (j < 0)
                        {
                            throw new InvalidOperationException($"no destination {e.Destination.Key} in {e.Service} (ENOENT)");
                        }

                        dests[j] = e.Destination;
                        services[i] = services[i] with { Destinations = dests };
                        break;
                    }

                case LbOperation.DeleteDestination d:
                    {
                        var i = IndexOf(d.Service);
                        var dests = services[i].Destinations.ToList();
                        if (dests.RemoveAll(x => x.Key == d.Destination) == 0)
                        {
                            throw new InvalidOperationException($"no destination {d.Destination} in {d.Service} (ENOENT)");
                        }

                        services[i] = services[i] with { Destinations = dests };
                        break;
                    }

                default:
                    throw new InvalidOperationException($"unknown operation {op}");
            }
        }

        return new LbState(services);
    }

    private static Dictionary<VirtualServiceKey, VirtualService> Index(IEnumerable<VirtualService> services)
    {
        var index = new Dictionary<VirtualServiceKey, VirtualService>();
        foreach (var s in services)
        {
            index[s.Key] = s; // last wins
        }

        return index;
    }

    /// <summary>Items with unique keys: a later duplicate replaces an earlier one and takes its position at the end.</summary>
    private static List<T> Distinct<T, TKey>(IEnumerable<T> items, Func<T, TKey> key)
        where TKey : notnull
    {
        var last = new Dictionary<TKey, int>();
        var list = items.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            last[key(list[i])] = i;
        }

        var result = new List<T>(last.Count);
        for (var i = 0; i < list.Count; i++)
        {
            if (last[key(list[i])] == i)
            {
                result.Add(list[i]);
            }
        }

        return result;
    }
}
