import { type SignInInput, SignInInputSchema } from '@contracts/accounts/accounts.contracts.ts';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { type FormProblem, toFormProblem, validateWith } from '../../api/problem.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { TextField } from '../../components/text-field.tsx';
import { signIn } from './accounts.api.ts';
import { useSession } from './session.tsx';

const fields = ['email', 'password'] as const;
type Field = (typeof fields)[number];

/** Only same-site paths: `next` comes from the address bar and must not send anyone elsewhere. */
function safeNext(next: string | null): string | null {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}

export function SignInPage() {
  useDocumentTitle('Sign in');
  const { state, api, setSession } = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next'));
  const [values, setValues] = useState<SignInInput>({ email: '', password: '' });
  const [problem, setProblem] = useState<FormProblem<Field> | null>(null);
  const [isBusy, setBusy] = useState(false);

  if (state.status === 'signed-in' && !isBusy) {
    return <Navigate to={next ?? '/console'} replace />;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validateWith(SignInInputSchema, values, fields);
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const session = await signIn(api, checked.data);
      setSession(session);
      const firstOrg = session.memberships[0]?.organization.id;
      navigate(next ?? (firstOrg ? `/console/${firstOrg}` : '/console'), { replace: true });
    } catch (error) {
      setProblem(toFormProblem(error, fields));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageHeader
        title="Sign in"
        description="For manufacturers, hospitals and researchers who publish and coordinate disclosures."
      />
      <Card>
        <form className="form" onSubmit={submit} noValidate aria-label="Sign in">
          {problem ? (
            <Alert tone="error" title="Could not sign you in">
              {problem.message}
            </Alert>
          ) : null}
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="username"
            required
            value={values.email}
            error={problem?.fieldErrors.email}
            onChange={(event) => setValues({ ...values, email: event.currentTarget.value })}
          />
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={values.password}
            error={problem?.fieldErrors.password}
            onChange={(event) => setValues({ ...values, password: event.currentTarget.value })}
          />
          <div className="form__actions">
            <Button type="submit" busy={isBusy}>
              {isBusy ? 'Signing in…' : 'Sign in'}
            </Button>
          </div>
        </form>
      </Card>
      <p className="muted small centered sign-in__note">
        The published disclosures are public: no account is needed to read them.
      </p>
    </div>
  );
}
