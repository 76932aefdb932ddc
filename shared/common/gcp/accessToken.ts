import { GoogleAuth } from 'google-auth-library';

/** An OAuth access token for the runtime's service account (Application Default Credentials). */
export function applicationDefaultToken(): () => Promise<string> {
  const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
  return async () => {
    const token = await auth.getAccessToken();
    if (!token) throw new Error('no access token from Application Default Credentials');
    return token;
  };
}
