import { Profile } from '../entities/profile';

/**
 * The User another subgraph refers to before its profile exists: an account is created in
 * auth first, and its profile follows from `user.registered` a moment later (or once users
 * is back). Such a user is still a user: empty names, no optional details. Returning null
 * instead would break `name: String!` and blank the whole list or object around it.
 */
export function pendingProfile(id: string): Profile {
  const profile = new Profile();
  Object.assign(profile, {
    id,
    firstName: '',
    lastName: '',
    avatarUrl: null,
    bio: null,
    phone: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  });
  return profile;
}
