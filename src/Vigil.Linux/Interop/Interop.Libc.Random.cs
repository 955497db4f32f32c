using System.Runtime.InteropServices;

namespace Vigil.Linux.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Lib, EntryPoint = "getrandom", SetLastError = true)]
    public static partial nint GetRandom(void* buffer, nuint length, uint flags);
}
