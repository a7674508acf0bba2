import type { Customer, Dealer, Vehicle } from '../../domain/customer';
import { birthdayIndexKey, customerKey, dealerKey, itemType, vehicleKey } from './keys';

/** The stored form of a customer profile, filed in the birthday index when a birth date is known. */
export function customerItem(customer: Customer): Record<string, unknown> {
  return {
    ...customerKey(customer.id),
    type: itemType.customer,
    ...(customer.birthDate ? birthdayIndexKey(customer.birthDate.slice(5), customer.id) : {}),
    ...customer,
  };
}

export function vehicleItem(customerId: string, vehicle: Vehicle): Record<string, unknown> {
  return { ...vehicleKey(customerId, vehicle.vin), type: itemType.vehicle, ...vehicle };
}

export function dealerItem(dealer: Dealer): Record<string, unknown> {
  return { ...dealerKey(dealer.id), type: itemType.dealer, ...dealer };
}
