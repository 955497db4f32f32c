using System.Runtime.InteropServices;

namespace Vigil.Linux.Interop;

/// <summary>Owns a file descriptor that is not wrapped in a managed Socket or FileStream; closes it once.</summary>
internal sealed class SafeFileDescriptor : SafeHandle
{
    public SafeFileDescriptor(int fd)
        : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
