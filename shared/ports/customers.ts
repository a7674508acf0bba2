import type { Customer, CustomerContext } from '../domain/customer';

/** Reads customers with their cars and dealer. */
export interface CustomerDirectory {
  /** Customers whose birth date's month-day (`MM-DD`) is one of these, from the birthday index. */
  findByBirthdayMonthDays(monthDays: string[]): Promise<Customer[]>;
  /** One customer, or undefined when erased or unknown. */
  getCustomerContext(customerId: string): Promise<CustomerContext | undefined>;
}
