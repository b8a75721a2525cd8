// Namespaces nearly every file of the module uses: its domain and store, the shared error, persistence and outbox blocks,
// its gRPC contract, and (for its many consumers) MassTransit and the shared event contracts.
global using MassTransit;
global using Microsoft.EntityFrameworkCore;
global using Platform.BuildingBlocks.Errors;
global using Platform.BuildingBlocks.Outbox;
global using Platform.BuildingBlocks.Persistence;
global using Platform.Contracts.Events;
global using Platform.Contracts.Notification.V1;
global using Platform.Notification.Module.Domain;
global using Platform.Notification.Module.Infrastructure;
