using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace DataAccessBroker.Server.Errors;

/// <summary>
/// Binds the gRPC services as Grpc.AspNetCore's own provider does (the generated <c>BindService</c> method, the
/// service's attributes as endpoint metadata), with one difference: a request that does not decode (truncated or
/// garbled bytes, a string that is not UTF-8) is INVALID_ARGUMENT. Grpc.AspNetCore would answer UNKNOWN, "Exception
/// was thrown by handler", because decoding happens before any interceptor can see the failure.
/// </summary>
public sealed class DecodingServiceMethodProvider<TService> : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        // The generated base class carries the attribute that names its static BindService method.
        var serviceBase = typeof(TService);
        while (serviceBase is not null && serviceBase.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is null)
        {
            serviceBase = serviceBase.BaseType;
        }

        if (serviceBase is null) return;
        var attribute = serviceBase.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false)!;
        var bind = attribute.BindType.GetMethod(attribute.BindMethodName, BindingFlags.Public | BindingFlags.Static, null,
            [typeof(ServiceBinderBase), serviceBase], null)
            ?? throw new InvalidOperationException($"{attribute.BindType} has no {attribute.BindMethodName} method");
        bind.Invoke(null, [new DecodingServiceBinder<TService>(context, serviceBase), null]);
    }
}
